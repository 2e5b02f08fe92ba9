// Start-up plus loading and running a tiny script file.
// bench-runs: 20
console.log('hello world');
