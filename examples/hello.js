// `make run` runs this file.
console.log('Hello from rnode!');
console.log(`Running on ${process.platform}/${process.arch}, pid ${process.pid}.`);
setTimeout(() => console.log('...and hello again from a timer.'), 10);
