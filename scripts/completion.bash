# Tab completion for the harness's command line, in bash: `source scripts/completion.bash`, then `harness run --ba<TAB>`.
# `harness` runs the built harness (dotnet build harness -c Release first; CONFORMANCE_HARNESS_DLL names another build).
# Completions come from the harness itself, through System.CommandLine's [suggest:POSITION] directive (what
# dotnet-suggest asks): commands, options, --backend's values, --features' names from scenarios/features.txt, and
# scenario ids and folder globs for --filter and validate.
_conformance_harness_dll=${CONFORMANCE_HARNESS_DLL:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/harness/bin/Release/net10.0/Conformance.Harness.dll}

harness() { dotnet "$_conformance_harness_dll" "$@"; }

_conformance_harness_complete() {
  # The line up to the cursor, without the program's name: what [suggest:POSITION] completes.
  local line=${COMP_LINE:0:COMP_POINT}
  line=${line#"${COMP_WORDS[0]}"}
  line=${line#" "}
  local IFS=$'\n'
  # compgen keeps the answers that start with the word being typed (the harness's own match is looser: it contains it).
  # shellcheck disable=SC2207
  COMPREPLY=($(compgen -W "$(dotnet "$_conformance_harness_dll" "[suggest:${#line}]" "$line" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}"))
}

complete -o default -F _conformance_harness_complete harness
