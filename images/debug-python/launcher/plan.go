package main

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// supportDir holds debugpy (a pure-Python wheel); pydevd is the copy vendored inside debugpy.
const (
	supportDir = "/dbg/python/lib/site-packages"
	pydevdDir  = supportDir + "/debugpy/_vendored/pydevd"
)

// options are the launcher's own flags, before `--`.
type options struct {
	mode string
	port int
	wait bool
}

// launch is what to exec: the resolved program, its argv and its environment.
type launch struct {
	path string
	argv []string
	env  []string
}

// system is what planLaunch needs from the machine: PATH lookup and reading a script's first line.
type system struct {
	lookPath  func(name string, env []string) (string, error)
	firstLine func(file string) (string, error)
}

var pythonName = regexp.MustCompile(`^python[0-9.]*$`)

func parseOptions(args []string) (options, []string, error) {
	opts := options{mode: "debugpy", port: 5678}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		name, value, hasValue := strings.Cut(arg, "=")
		next := func() (string, error) {
			if hasValue {
				return value, nil
			}
			if i+1 >= len(args) {
				return "", fmt.Errorf("%s needs a value", name)
			}
			i++
			return args[i], nil
		}
		switch name {
		case "--":
			return opts, args[i+1:], nil
		case "--mode", "-mode":
			v, err := next()
			if err != nil {
				return opts, nil, err
			}
			opts.mode = v
		case "--port", "-port":
			v, err := next()
			if err != nil {
				return opts, nil, err
			}
			port, err := strconv.Atoi(v)
			if err != nil || port < 0 || port > 65535 {
				return opts, nil, fmt.Errorf("invalid --port %q", v)
			}
			opts.port = port
		case "--wait", "-wait":
			opts.wait = !hasValue || value == "true"
		default:
			if strings.HasPrefix(arg, "-") {
				return opts, nil, fmt.Errorf("unknown flag %s", arg)
			}
			return opts, args[i:], nil
		}
	}
	return opts, nil, nil
}

// planLaunch turns the launcher's arguments into the command line to exec.
func planLaunch(args []string, env []string, sys system) (launch, error) {
	opts, command, err := parseOptions(args)
	if err != nil {
		return launch{}, err
	}
	if len(command) == 0 {
		return launch{}, errors.New("no command to run (usage: launcher --mode debugpy --port 5678 -- python app.py)")
	}
	if opts.mode != "debugpy" && opts.mode != "pydevd" {
		return launch{}, fmt.Errorf("mode %q is not supported by this support image (debugpy, pydevd)", opts.mode)
	}
	program, err := sys.lookPath(command[0], env)
	if err != nil {
		return launch{}, fmt.Errorf("cannot find %s: %v", command[0], err)
	}
	unchanged := launch{path: program, argv: command, env: env}
	if disabled(lookupEnv(env, "WRAPPER_ENABLED")) {
		return unchanged, nil
	}
	interpreter, rest, err := pythonCommandLine(program, command, env, sys)
	if err != nil || interpreter == nil {
		// Not a Python command line (or an unreadable script): run it as it is.
		return unchanged, nil
	}
	pyOpts, target, targetArgs := splitPythonArgs(rest)
	if target == nil || alreadyDebugging(target) {
		return unchanged, nil
	}
	var debugger []string
	extraPath := supportDir
	if opts.mode == "debugpy" {
		debugger = []string{"-m", "debugpy", "--listen", fmt.Sprintf("0.0.0.0:%d", opts.port)}
		if opts.wait {
			debugger = append(debugger, "--wait-for-client")
		}
		debugger = append(debugger, target...)
	} else {
		extraPath = pydevdDir
		// pydevd's server mode always waits for the debugger to connect and say "run".
		debugger = []string{"-m", "pydevd", "--server", "--port", strconv.Itoa(opts.port)}
		switch target[0] {
		case "-m":
			debugger = append(debugger, "--module", "--file", target[1])
		case "-c":
			return launch{}, errors.New("pydevd cannot debug `python -c`; use --mode debugpy")
		default:
			debugger = append(debugger, "--file", target[0])
		}
	}
	argv := append(append(append(append([]string{}, interpreter...), pyOpts...), debugger...), targetArgs...)
	interpreterPath, err := sys.lookPath(interpreter[0], env)
	if err != nil {
		return launch{}, fmt.Errorf("cannot find %s: %v", interpreter[0], err)
	}
	return launch{path: interpreterPath, argv: argv, env: withPythonPath(env, extraPath)}, nil
}

// pythonCommandLine returns the interpreter argv (e.g. [python3] or [/usr/bin/env, python3]) and the
// arguments that follow it, looking through a script's `#!` line; nil when it is not Python.
func pythonCommandLine(program string, command []string, env []string, sys system) ([]string, []string, error) {
	if pythonName.MatchString(path.Base(program)) {
		return command[:1], command[1:], nil
	}
	line, err := sys.firstLine(program)
	if err != nil || !strings.HasPrefix(line, "#!") {
		return nil, nil, err
	}
	words := strings.Fields(strings.TrimPrefix(line, "#!"))
	if len(words) == 0 {
		return nil, nil, nil
	}
	interpreter := words
	if path.Base(words[0]) == "env" {
		interpreter = words[1:]
		for len(interpreter) > 0 && strings.HasPrefix(interpreter[0], "-") {
			interpreter = interpreter[1:]
		}
	}
	if len(interpreter) == 0 || !pythonName.MatchString(path.Base(interpreter[0])) {
		return nil, nil, nil
	}
	// `#!/usr/bin/python3 -u` keeps its options; the script itself becomes the program to debug.
	return interpreter[:1], append(append(append([]string{}, interpreter[1:]...), program), command[1:]...), nil
}

// Interpreter options that take a value as the next argument.
var optionWithValue = map[string]bool{"-W": true, "-X": true, "--check-hash-based-pycs": true}

// splitPythonArgs separates `[options] (-m mod | -c code | script | -) [args]` into the interpreter's
// options, the target (["-m", mod], ["-c", code] or [script]) and the program's arguments.
func splitPythonArgs(args []string) (pyOpts []string, target []string, rest []string) {
	for i := 0; i < len(args); i++ {
		arg := args[i]
		switch {
		case arg == "-m" || arg == "-c":
			if i+1 >= len(args) {
				return args, nil, nil
			}
			return args[:i], []string{arg, args[i+1]}, args[i+2:]
		case strings.HasPrefix(arg, "-m") || strings.HasPrefix(arg, "-c"):
			return args[:i], []string{arg[:2], arg[2:]}, args[i+1:]
		case arg == "-" || arg == "--":
			return args, nil, nil
		case optionWithValue[arg]:
			i++
		case strings.HasPrefix(arg, "-"):
		default:
			return args[:i], []string{arg}, args[i+1:]
		}
	}
	return args, nil, nil
}

// alreadyDebugging reports a command line that runs a debugger module itself.
func alreadyDebugging(target []string) bool {
	if target[0] != "-m" {
		return false
	}
	switch target[1] {
	case "debugpy", "ptvsd", "pydevd":
		return true
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

func lookupEnv(env []string, key string) string {
	value := ""
	for _, entry := range env {
		if k, v, ok := strings.Cut(entry, "="); ok && k == key {
			value = v
		}
	}
	return value
}

// withPythonPath appends dir to PYTHONPATH (the program's own entries keep precedence).
func withPythonPath(env []string, dir string) []string {
	out := make([]string, 0, len(env)+1)
	current := ""
	for _, entry := range env {
		if k, v, ok := strings.Cut(entry, "="); ok && k == "PYTHONPATH" {
			current = v
			continue
		}
		out = append(out, entry)
	}
	if current != "" {
		dir = current + ":" + dir
	}
	return append(out, "PYTHONPATH="+dir)
}
