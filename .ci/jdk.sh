# Sourced by ./parkdoc and .ci/run: finds a JDK 21 or newer.
# parkdoc_find_jdk prints its home on stdout; else prints one line saying what to install on stderr
# and fails. Order: $JAVA_HOME when new enough, else the newest JDK in the usual install locations.
# The launcher calls parkdoc_find_jdk_home, which sets parkdoc_jdk_home instead: no subshell, no
# process, since it runs before every command, a served search's included.

# Sets parkdoc_major to the major version of the JDK at home $1 (0 when unknown), from its release
# file, read with the shell's own builtins, or else from `java -version`.
parkdoc_jdk_major_of() {
  local home="$1" v="" line
  if [ -f "$home/release" ]; then
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
  case "$v" in ''|*[!0-9]*) parkdoc_major=0 ;; *) parkdoc_major="$v" ;; esac
}

parkdoc_jdk_major() { # home -> major version
  parkdoc_jdk_major_of "$1"
  echo "$parkdoc_major"
}

parkdoc_find_jdk_home() {
  local min=21 best="" best_major=0 home
  parkdoc_jdk_home=""
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    parkdoc_jdk_major_of "$JAVA_HOME"
    if [ "$parkdoc_major" -ge "$min" ]; then
      parkdoc_jdk_home="$JAVA_HOME"
      return 0
    fi
  fi
  for home in /usr/lib/jvm/* /usr/java/* /usr/local/java/* /opt/java/* /opt/jdk* /opt/*jdk* \
      "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* "$HOME"/.local/share/jdks/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    [ -L "$home" ] && continue # Debian's aliases point at the same JDKs
    parkdoc_jdk_major_of "$home"
    if [ "$parkdoc_major" -gt "$best_major" ]; then
      best="$home"
      best_major="$parkdoc_major"
    fi
  done
  if [ "$best_major" -ge "$min" ]; then
    parkdoc_jdk_home="$best"
    return 0
  fi
  echo "parkdoc: needs a JDK $min or newer (found ${best_major/#0/none}); install one, e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+, or set JAVA_HOME" >&2
  return 1
}

parkdoc_find_jdk() {
  parkdoc_find_jdk_home || return 1
  echo "$parkdoc_jdk_home"
}
