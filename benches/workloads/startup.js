// Start-up cost: the runtime evaluates `0` and exits (this file is not run).
// bench-args: -e 0
// bench-runs: 20
