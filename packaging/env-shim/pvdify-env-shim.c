/*
 * pvdify-env-shim ENVFILE -- COMMAND [ARG...]
 *
 * The entrypoint of every dyno when Pvdify's env shim is on: loads the dyno's env file (bind-mounted read-only
 * from tmpfs), then execs the image's own entrypoint and command. Config values thus reach the app without ever
 * passing through Podman, which would copy them into its container config on persistent disk.
 *
 * The file format is EnvFileRenderer's (pvdifyd): one KEY=VALUE per line, the value verbatim up to the end of
 * the line (quotes, '$', '#', spaces and '=' are data); a trailing CR is dropped; leading blanks, empty lines and
 * lines starting with '#' are skipped; a line without '=' (or starting with one) is ignored. Read exactly as
 * EnvFileRenderer.parse and `podman run --env-file` read it, so both paths give the app the same environment.
 * Built static (no libc needed in the image, no shell): see build.sh.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int load(const char *path) {
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "pvdify-env-shim: cannot open %s: %s\n", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
        if (n > 0 && line[n - 1] == '\n') {
            line[--n] = '\0';
        }
        if (n > 0 && line[n - 1] == '\r') {
            line[--n] = '\0';
        }
        char *data = line;
        while (*data == ' ' || *data == '\t' || *data == '\f' || *data == '\v') {
            data++;
        }
        if (*data == '\0' || *data == '#') {
            continue;
        }
        char *eq = strchr(data, '=');
        if (eq == NULL || eq == data) {
            continue;
        }
        *eq = '\0';
        if (setenv(data, eq + 1, 1) != 0) {
            fprintf(stderr, "pvdify-env-shim: cannot set %s: %s\n", data, strerror(errno));
            free(line);
            fclose(f);
            return -1;
        }
    }
    int failed = ferror(f);
    free(line);
    fclose(f);
    if (failed) {
        fprintf(stderr, "pvdify-env-shim: cannot read %s\n", path);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 4 || strcmp(argv[2], "--") != 0) {
        fprintf(stderr, "usage: pvdify-env-shim ENVFILE -- COMMAND [ARG...]\n");
        return 125;
    }
    if (load(argv[1]) != 0) {
        return 125;
    }
    /* execvp: a bare command name is looked up in PATH (the image's, or the env file's), as Podman does. */
    execvp(argv[3], &argv[3]);
    fprintf(stderr, "pvdify-env-shim: cannot run %s: %s\n", argv[3], strerror(errno));
    return errno == ENOENT ? 127 : 126;
}
