package {{package}};

/** An input event that passed the pipeline's checks ({@code error} null), or the original one with the reason it did not. */
record Checked(String value, String error) {
}
