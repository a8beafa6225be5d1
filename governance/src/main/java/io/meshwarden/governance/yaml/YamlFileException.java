package io.meshwarden.governance.yaml;

/** A policy or contract file that cannot be read, naming the file and the 1-based line at fault. */
public final class YamlFileException extends RuntimeException {
    private final String file;
    private final int line;
    private final String problem;

    public YamlFileException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
