/**
 * The {@code svc-infra} command line (picocli): each sub-command parses its options, calls one
 * {@code core} method and prints through one writer, text or {@code --json}. Exit status 0 ok, 1
 * failure, 2 usage or configuration error.
 */
package dev.svcinfra.cli;
