package main

import (
	"path"
	"strings"
)

// stashVar carries the inspect option from a tool (npm, nodemon…) to the application it starts.
const stashVar = "TRESTLE_NODE_INSPECT"

// Node options that take their value as the next argument.
var nodeOptionWithValue = map[string]bool{
	"-r": true, "--require": true, "--import": true, "--loader": true, "--experimental-loader": true,
	"-C": true, "--conditions": true, "--inspect-port": true, "--debug-port": true, "--title": true,
	"--stack-size": true, "--max-old-space-size": true, "--input-type": true, "--env-file": true,
}

// scriptIndex finds the script among node's arguments: the first argument that is not an option or an
// option's value; -1 for `node -e …`, `node -p …`, a REPL or `node -`.
func scriptIndex(args []string) int {
	for i := 0; i < len(args); i++ {
		arg := args[i]
		switch {
		case arg == "--":
			if i+1 < len(args) {
				return i + 1
			}
			return -1
		case arg == "-e" || arg == "--eval" || arg == "-p" || arg == "--print" || arg == "-":
			return -1
		case nodeOptionWithValue[arg]:
			i++
		case strings.HasPrefix(arg, "-"):
		default:
			return i
		}
	}
	return -1
}

// isTool reports a script that starts other node processes rather than being the application.
func isTool(script string) bool {
	if strings.Contains(script, "node_modules/") {
		return true
	}
	switch path.Base(script) {
	case "npm", "npx", "npm-cli.js", "npx-cli.js", "yarn", "yarn.js", "pnpm", "nodemon":
		return true
	}
	return false
}

func isInspect(arg string) bool {
	return arg == "--inspect" || arg == "--inspect-brk" || arg == "--inspect-wait" ||
		strings.HasPrefix(arg, "--inspect=") || strings.HasPrefix(arg, "--inspect-brk=") ||
		strings.HasPrefix(arg, "--inspect-wait=")
}

// rewrite returns node's new arguments and environment.
func rewrite(args []string, env []string) ([]string, []string) {
	if disabled(lookupEnv(env, "WRAPPER_ENABLED")) {
		return args, env
	}
	env = setEnv(env, "npm_config_scripts_prepend_node_path", "false")
	script := scriptIndex(args)
	if script < 0 {
		return args, env
	}
	if isTool(args[script]) {
		return stripInspect(args, script, env)
	}
	stash := lookupEnv(env, stashVar)
	env = unsetEnv(env, stashVar)
	if stash == "" || hasInspect(args[:script], lookupEnv(env, "NODE_OPTIONS")) {
		return args, env
	}
	return append([]string{stash}, args...), env
}

// stripInspect moves --inspect… out of a tool's options and NODE_OPTIONS into the stash.
func stripInspect(args []string, script int, env []string) ([]string, []string) {
	stash := lookupEnv(env, stashVar)
	kept := make([]string, 0, len(args))
	for i, arg := range args {
		if i < script && isInspect(arg) {
			stash = arg
			continue
		}
		kept = append(kept, arg)
	}
	if options := lookupEnv(env, "NODE_OPTIONS"); options != "" {
		var rest []string
		for _, option := range strings.Fields(options) {
			if isInspect(option) {
				stash = option
			} else {
				rest = append(rest, option)
			}
		}
		if len(rest) == 0 {
			env = unsetEnv(env, "NODE_OPTIONS")
		} else {
			env = setEnv(env, "NODE_OPTIONS", strings.Join(rest, " "))
		}
	}
	if stash != "" {
		env = setEnv(env, stashVar, stash)
	}
	return kept, env
}

func hasInspect(options []string, nodeOptions string) bool {
	for _, option := range options {
		if isInspect(option) {
			return true
		}
	}
	for _, option := range strings.Fields(nodeOptions) {
		if isInspect(option) {
			return true
		}
	}
	return false
}

func disabled(value string) bool {
	switch strings.ToLower(value) {
	case "0", "false", "no":
		return true
	}
	return false
}

func verbose(env []string) bool {
	v := lookupEnv(env, "WRAPPER_VERBOSE")
	return v != "" && !disabled(v)
}

func lookupEnv(env []string, key string) string {
	value := ""
	for _, entry := range env {
		if k, v, ok := strings.Cut(entry, "="); ok && k == key {
			value = v
		}
	}
	return value
}

func unsetEnv(env []string, key string) []string {
	out := make([]string, 0, len(env))
	for _, entry := range env {
		if k, _, _ := strings.Cut(entry, "="); k != key {
			out = append(out, entry)
		}
	}
	return out
}

func setEnv(env []string, key, value string) []string {
	return append(unsetEnv(env, key), key+"="+value)
}
