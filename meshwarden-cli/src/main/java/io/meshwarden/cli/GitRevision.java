package io.meshwarden.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A file as a git revision holds it, for `meshwarden ci` when no catalog answers: {@code git show
 * REV:./FILE}, run in the file's directory. The revision is the one named, else the merge base with
 * the pull request's target branch when GitHub Actions names one ({@code GITHUB_BASE_REF}), else
 * {@code HEAD~1}. Runs the git executable (no Java git library is part of the build); a revision that
 * does not exist, or a directory outside a repository, is "no previous version", said so.
 */
final class GitRevision {
    /** What git holds of a file at a revision: its text, or why there is none. */
    record Found(String revision, Optional<String> text, String note) {
    }

    private GitRevision() {
    }

    static Found previous(Path file, String named, Map<String, String> environment) {
        Path directory = file.toAbsolutePath().getParent();
        String revision = named;
        if (revision == null) {
            String base = environment.get("GITHUB_BASE_REF");
            revision = "HEAD~1";
            if (base != null && !base.isBlank()) {
                Result mergeBase = git(directory, "merge-base", "HEAD", "origin/" + base);
                if (mergeBase.exit() == 0) {
                    revision = mergeBase.out().strip();
                }
            }
        }
        if (git(directory, "rev-parse", "--verify", "--quiet", revision + "^{commit}").exit() != 0) {
            return new Found(revision, Optional.empty(), "no git revision " + revision + " here");
        }
        Result shown = git(directory, "show", revision + ":./" + file.getFileName());
        if (shown.exit() != 0) {
            return new Found(revision, Optional.empty(), "not in git at " + revision + ": a new product");
        }
        return new Found(revision, Optional.of(shown.out()), "git " + revision);
    }

    private record Result(int exit, String out) {
    }

    private static Result git(Path directory, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "");
            }
            return new Result(process.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, ""); // no git executable: no previous version, said so by the caller
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while running git", e));
        }
    }
}
