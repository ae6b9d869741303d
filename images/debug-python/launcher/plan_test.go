package main

import (
	"errors"
	"reflect"
	"testing"
)

func fakeSystem(files map[string]string) system {
	return system{
		lookPath: func(name string, env []string) (string, error) {
			for _, candidate := range []string{name, "/usr/bin/" + name, "/app/" + name} {
				if _, ok := files[candidate]; ok {
					return candidate, nil
				}
			}
			return "", errors.New("not found on PATH")
		},
		firstLine: func(file string) (string, error) { return files[file], nil },
	}
}

var machine = fakeSystem(map[string]string{
	"/usr/bin/python3":  "\x7fELF",
	"/usr/bin/env":      "\x7fELF",
	"/usr/bin/gunicorn": "#!/usr/bin/env python3",
	"/app/serve":        "#!/usr/bin/python3 -u",
	"/usr/bin/bash":     "\x7fELF",
})

func TestPlans(t *testing.T) {
	base := []string{"PATH=/usr/bin", "PYTHONPATH=/app/lib"}
	cases := []struct {
		name string
		args []string
		path string
		argv []string
	}{
		{"debugpy script", []string{"--mode", "debugpy", "--port", "5678", "--", "python3", "-u", "app.py", "x"},
			"/usr/bin/python3", []string{"python3", "-u", "-m", "debugpy", "--listen", "0.0.0.0:5678", "app.py", "x"}},
		{"debugpy wait module", []string{"--mode", "debugpy", "--port", "7000", "--wait", "--", "python3", "-m", "flask", "run"},
			"/usr/bin/python3", []string{"python3", "-m", "debugpy", "--listen", "0.0.0.0:7000", "--wait-for-client", "-m", "flask", "run"}},
		{"pydevd script", []string{"--mode", "pydevd", "--port", "5678", "--", "python3", "-X", "dev", "app.py"},
			"/usr/bin/python3", []string{"python3", "-X", "dev", "-m", "pydevd", "--server", "--port", "5678", "--file", "app.py"}},
		{"pydevd module", []string{"--mode=pydevd", "--port=1", "--", "python3", "-mhttp.server"},
			"/usr/bin/python3", []string{"python3", "-m", "pydevd", "--server", "--port", "1", "--module", "--file", "http.server"}},
		{"env shebang", []string{"--mode", "debugpy", "--port", "5678", "--", "gunicorn", "app:app"},
			"/usr/bin/python3", []string{"python3", "-m", "debugpy", "--listen", "0.0.0.0:5678", "/usr/bin/gunicorn", "app:app"}},
		{"direct shebang with option", []string{"--", "/app/serve", "--fast"},
			"/usr/bin/python3", []string{"/usr/bin/python3", "-u", "-m", "debugpy", "--listen", "0.0.0.0:5678", "/app/serve", "--fast"}},
		{"not python", []string{"--", "bash", "-c", "true"}, "/usr/bin/bash", []string{"bash", "-c", "true"}},
		{"already debugpy", []string{"--", "python3", "-m", "debugpy", "--listen", "5678", "a.py"},
			"/usr/bin/python3", []string{"python3", "-m", "debugpy", "--listen", "5678", "a.py"}},
		{"interactive", []string{"--", "python3"}, "/usr/bin/python3", []string{"python3"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			plan, err := planLaunch(c.args, base, machine)
			if err != nil {
				t.Fatal(err)
			}
			if plan.path != c.path || !reflect.DeepEqual(plan.argv, c.argv) {
				t.Fatalf("got %s %q, want %s %q", plan.path, plan.argv, c.path, c.argv)
			}
		})
	}
}

func TestPythonPath(t *testing.T) {
	plan, err := planLaunch([]string{"--", "python3", "app.py"}, []string{"PATH=/usr/bin", "PYTHONPATH=/app/lib"}, machine)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"PATH=/usr/bin", "PYTHONPATH=/app/lib:" + supportDir}
	if !reflect.DeepEqual(plan.env, want) {
		t.Fatalf("env %q, want %q", plan.env, want)
	}
	plan, _ = planLaunch([]string{"--mode", "pydevd", "--", "python3", "app.py"}, []string{"PATH=/usr/bin"}, machine)
	if got := plan.env[len(plan.env)-1]; got != "PYTHONPATH="+pydevdDir {
		t.Fatalf("pydevd PYTHONPATH %q", got)
	}
}

func TestDisabledAndErrors(t *testing.T) {
	plan, err := planLaunch([]string{"--", "python3", "app.py"}, []string{"PATH=/usr/bin", "WRAPPER_ENABLED=false"}, machine)
	if err != nil || !reflect.DeepEqual(plan.argv, []string{"python3", "app.py"}) {
		t.Fatalf("disabled: %q %v", plan.argv, err)
	}
	for _, args := range [][]string{
		{"--mode", "ptvsd", "--", "python3", "a.py"},
		{"--port", "x", "--", "python3"},
		{"--bogus"},
		{"--"},
		{"--", "nosuch"},
		{"--mode", "pydevd", "--", "python3", "-c", "print(1)"},
	} {
		if _, err := planLaunch(args, []string{"PATH=/usr/bin"}, machine); err == nil {
			t.Errorf("%q: expected an error", args)
		}
	}
}
