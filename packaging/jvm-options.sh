#!/usr/bin/env bash
# shellcheck disable=SC2034 # sourced: install.sh writes these into the launchers, bench/ starts pvdifyd with them
# JVM options of pvdifyd and the dashboard, in one place. Why each:
#   Serial GC, a capped heap, metaspace and code cache: a small daemon on a small host; the JVM's default would
#   take a quarter of RAM as heap and a parallel collector's threads per core (RSS 472 MiB at 100 apps before).
#   C1 only (TieredStopAtLevel=1): C2's compile arenas and code took tens of MiB at peaks; a control plane's hot
#   paths (the app list, token lookups) are answered from memory, so C1 code is fast enough (bench/api-apps.sh).
#   ExitOnOutOfMemoryError: systemd (Restart=always) starts a fresh process rather than a half-working one.
PVDIFYD_JVM_OPTIONS="-XX:+ExitOnOutOfMemoryError --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xms16m -Xmx96m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m -XX:MaxDirectMemorySize=32m -Xss512k"
PVDIFY_ADMIN_JVM_OPTIONS="-XX:+ExitOnOutOfMemoryError -XX:+UseSerialGC -Xms16m -Xmx192m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m -Xss512k"
