// launcher starts a Python program under a debugger; it is /dbg/python/launcher, the command that
// Trestle's (and Skaffold's) python debug transform puts in front of the container's command line:
//
//	/dbg/python/launcher --mode debugpy|pydevd --port N [--wait] -- python [options] app.py [args]
//
// It adds the debugger's files from /dbg/python/lib/site-packages to PYTHONPATH and runs
// `python -m debugpy --listen 0.0.0.0:N [--wait-for-client] …` or
// `python -m pydevd --server --port N --file …` (which waits for the debugger) in its place (exec, same PID).
// A command line that already starts a debugger, or WRAPPER_ENABLED=0|false|no, runs unchanged.
package main

import (
	"fmt"
	"os"
	"syscall"
)

func main() {
	env := os.Environ()
	plan, err := planLaunch(os.Args[1:], env, defaultSystem())
	if err != nil {
		fmt.Fprintf(os.Stderr, "launcher: %v\n", err)
		os.Exit(2)
	}
	if verbose(env) {
		fmt.Fprintf(os.Stderr, "launcher: exec %q\n", plan.argv)
	}
	err = syscall.Exec(plan.path, plan.argv, plan.env)
	fmt.Fprintf(os.Stderr, "launcher: cannot run %s: %v\n", plan.path, err)
	os.Exit(127)
}

func verbose(env []string) bool {
	v := lookupEnv(env, "WRAPPER_VERBOSE")
	return v != "" && v != "0" && v != "false" && v != "no"
}
