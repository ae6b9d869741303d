module trestle.dev/debug-support/node-wrapper

go 1.19
