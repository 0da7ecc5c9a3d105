#!/usr/bin/env bash
# The step of the composite action (action.yml): run `reconcile drift`, append its markdown report
# to the step summary, keep the SARIF and JSON reports, and decide from `fail-on` whether the job
# fails. Inputs arrive as environment variables (never interpolated into the script):
#   DATABASE_URL (the target), SCHEMA_DIR, FAIL_ON (out-of-band | any | never), FORMAT (what the log
#   shows: github annotations by default), SCRATCH (optional), REPORT_DIR (default $RUNNER_TEMP).
# It always exits 0 after a check ran; outputs exit-code, fail, sarif-file, json-file tell the rest.
# A usage error of the action itself (a bad fail-on or format) exits 64.
set -uo pipefail

fail_on="${FAIL_ON:-out-of-band}"
format="${FORMAT:-github}"
case "$fail_on" in out-of-band|any|never) ;; *)
  echo "::error title=reconcile drift::fail-on must be out-of-band, any or never (got '${fail_on}')"; exit 64 ;;
esac
case "$format" in text|json|markdown|github|sarif) ;; *)
  echo "::error title=reconcile drift::format must be text, json, markdown, github or sarif (got '${format}')"; exit 64 ;;
esac

dir="${REPORT_DIR:-${RUNNER_TEMP:-$(mktemp -d)}/reconcile-drift}"
mkdir -p "$dir"
rm -f "$dir/drift.md" "$dir/drift.sarif" "$dir/drift.json"
args=(drift --schema-dir "${SCHEMA_DIR:-schema}" --format "$format"
      --output "markdown=$dir/drift.md" --output "sarif=$dir/drift.sarif" --output "json=$dir/drift.json")
if [ -n "${SCRATCH:-}" ]; then args+=(--scratch "$SCRATCH"); fi

"${RECONCILE:-reconcile}" "${args[@]}"
code=$?

summary="${GITHUB_STEP_SUMMARY:-/dev/null}"
if [ -s "$dir/drift.md" ]; then
  cat "$dir/drift.md" >> "$summary"
else
  printf '### reconcile drift could not check the target (exit %s)\n\nSee the step log for the error.\n' "$code" >> "$summary"
fi

case "$code" in
  0) fail=false ;;
  2) if [ "$fail_on" = any ]; then fail=true; else fail=false; fi ;;
  5) if [ "$fail_on" = never ]; then fail=false; else fail=true; fi ;;
  *) fail=true ;;  # an error (1), a usage error (64): never green
esac

out="${GITHUB_OUTPUT:-/dev/null}"
{
  echo "exit-code=$code"
  echo "fail=$fail"
  if [ -s "$dir/drift.sarif" ]; then echo "sarif-file=$dir/drift.sarif"; fi
  if [ -s "$dir/drift.json" ]; then echo "json-file=$dir/drift.json"; fi
} >> "$out"
exit 0
