# Sourced by bootstrap.sh. The app runs its TypeScript directly, which Node does by default (type
# stripping without a flag) from 22.18 on; 22.12 starts and then fails with ERR_UNKNOWN_FILE_EXTENSION.
MIN_NODE="22.18"

# node_version_ok 22.12.0 → false; 22.18.0, 23.1.0, 24.0.0 → true.
node_version_ok() {
  local major minor min_major min_minor
  IFS=. read -r major minor _ <<<"${1#v}"
  IFS=. read -r min_major min_minor <<<"$MIN_NODE"
  [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] || return 1
  (( major > min_major || (major == min_major && minor >= min_minor) ))
}
