# Sourced by ./parkdoc and .ci/run: finds a JDK 21 or newer.
# Prints its home on stdout; else prints one line saying what to install on stderr and fails.
# Order: $JAVA_HOME when new enough, else the newest JDK in the usual install locations.

parkdoc_jdk_major() { # home -> major version, from its release file or `java -version`
  local home="$1" v=""
  if [ -f "$home/release" ]; then
    # Read with the shell's own builtins: the launcher runs this for every JDK it looks at.
    local line
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in
        JAVA_VERSION=\"*\"*) v="${line#JAVA_VERSION=\"}"; v="${v%%\"*}"; break ;;
      esac
    done <"$home/release"
  fi
  if [ -z "$v" ] && [ -x "$home/bin/java" ]; then
    v="$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
  fi
  v="${v#1.}"
  v="${v%%[.+-]*}"
  case "$v" in ''|*[!0-9]*) echo 0 ;; *) echo "$v" ;; esac
}

parkdoc_find_jdk() {
  local min=21 best="" best_major=0 home major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major="$(parkdoc_jdk_major "$JAVA_HOME")"
    if [ "$major" -ge "$min" ]; then
      echo "$JAVA_HOME"
      return 0
    fi
  fi
  for home in /usr/lib/jvm/* /usr/java/* /usr/local/java/* /opt/java/* /opt/jdk* /opt/*jdk* \
      "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* "$HOME"/.local/share/jdks/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    [ -L "$home" ] && continue # Debian's aliases point at the same JDKs
    major="$(parkdoc_jdk_major "$home")"
    if [ "$major" -gt "$best_major" ]; then
      best="$home"
      best_major="$major"
    fi
  done
  if [ "$best_major" -ge "$min" ]; then
    echo "$best"
    return 0
  fi
  echo "parkdoc: needs a JDK $min or newer (found ${best_major/#0/none}); install one, e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+, or set JAVA_HOME" >&2
  return 1
}
