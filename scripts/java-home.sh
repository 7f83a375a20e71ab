#!/usr/bin/env bash
# Sourced by the project's scripts: points JAVA_HOME at a JDK >= 21 (the default java here is 17).
# Keeps a JAVA_HOME that is already new enough.
pvdify_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(pvdify_java_major "$JAVA_HOME")" -lt 21 ]; then
  JAVA_HOME=""
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major="$(pvdify_java_major "$candidate")"
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      JAVA_HOME="$candidate"
      break
    fi
  done
  if [ -z "$JAVA_HOME" ]; then
    echo "pvdify: no JDK >= 21 under /usr/lib/jvm; install one (e.g. apt-get install openjdk-21-jdk-headless)" >&2
    return 1
  fi
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
