#!/usr/bin/env bash
# Build step (package phase): makes the JDK start-up cache for target/pvdify.jar with the JDK that built it.
# JDK >= 25: an AOT cache (JEP 514, -XX:AOTCacheOutput); JDK 21-24: a dynamic CDS archive.
# Writes JAR.aot or JAR.jsa and JAR.jdk (the JAVA_HOME it belongs to; bin/pvdify uses the cache only with it).
# The training run is AotTraining: the usual read commands against an in-process stub on a loopback port.
set -euo pipefail
java_home="$1"
jar="$(realpath "$2")"
base="${jar%.jar}"
rm -f "$base.aot" "$base.jsa" "$base.jdk"
version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_home/release" 2>/dev/null || true)"
# the same flags bin/pvdify runs with: a cache is only used with a matching GC
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Djdk.console=java.base)
if [ -n "$version" ] && [ "$version" -ge 25 ]; then
  "$java_home/bin/java" "${flags[@]}" -XX:AOTCacheOutput="$base.aot" -Xlog:aot=error -Xlog:cds=error \
    -cp "$jar" win.pvdify.cli.AotTraining
elif [ -n "$version" ] && [ "$version" -ge 21 ]; then
  "$java_home/bin/java" "${flags[@]}" -XX:ArchiveClassesAtExit="$base.jsa" -Xlog:cds=error \
    -cp "$jar" win.pvdify.cli.AotTraining
else
  echo "make-aot-cache: no start-up cache for JDK '$version' at $java_home" >&2
  exit 0
fi
realpath "$java_home" > "$base.jdk"
