// node is /dbg/nodejs/bin/node, a wrapper that the nodejs debug transform puts first on PATH. It runs the
// real `node` (the next one on PATH) and moves the `--inspect` option to the process that runs the
// application: tools such as npm, npx or nodemon (scripts under node_modules/ or named npm, npx) lose
// `--inspect…` from their arguments and NODE_OPTIONS and pass it on in TRESTLE_NODE_INSPECT, and the
// first application script started below them gets it back as its first option. Without this, npm
// itself would take the debug port and the application could not open it.
// WRAPPER_ENABLED=0|false|no turns the wrapper off; WRAPPER_VERBOSE=1 logs what it does.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

func main() {
	self, err := os.Executable()
	if err == nil {
		self, _ = filepath.EvalSymlinks(self)
	}
	env := os.Environ()
	node, err := findRealNode(lookupEnv(env, "PATH"), self)
	if err != nil {
		fmt.Fprintf(os.Stderr, "node wrapper: %v\n", err)
		os.Exit(127)
	}
	argv, newEnv := rewrite(os.Args[1:], env)
	argv = append([]string{os.Args[0]}, argv...)
	if verbose(env) {
		fmt.Fprintf(os.Stderr, "node wrapper: exec %s %q\n", node, argv[1:])
	}
	err = syscall.Exec(node, argv, newEnv)
	fmt.Fprintf(os.Stderr, "node wrapper: cannot run %s: %v\n", node, err)
	os.Exit(127)
}

// findRealNode returns the first `node` on PATH that is not this wrapper.
func findRealNode(pathList string, self string) (string, error) {
	for _, dir := range filepath.SplitList(pathList) {
		if dir == "" {
			continue
		}
		candidate := filepath.Join(dir, "node")
		info, err := os.Stat(candidate)
		if err != nil || info.IsDir() || info.Mode()&0o111 == 0 {
			continue
		}
		if resolved, err := filepath.EvalSymlinks(candidate); err == nil && resolved == self {
			continue
		}
		return candidate, nil
	}
	return "", fmt.Errorf("no node executable on PATH besides this wrapper (%s)", self)
}
