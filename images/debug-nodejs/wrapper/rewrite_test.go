package main

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

const inspect = "--inspect=0.0.0.0:9229"

func TestApplicationKeepsItsInspect(t *testing.T) {
	args, env := rewrite([]string{inspect, "server.js"}, []string{"PATH=/dbg/nodejs/bin:/usr/bin"})
	if !reflect.DeepEqual(args, []string{inspect, "server.js"}) {
		t.Fatalf("args %q", args)
	}
	if lookupEnv(env, "npm_config_scripts_prepend_node_path") != "false" {
		t.Fatalf("env %q", env)
	}
}

func TestNpmPassesInspectToTheApplication(t *testing.T) {
	// npm started with NODE_OPTIONS=--inspect…: npm loses it, the application script gets it.
	args, env := rewrite([]string{"/usr/lib/node_modules/npm/bin/npm-cli.js", "start"},
		[]string{"NODE_OPTIONS=--max-old-space-size=100 " + inspect})
	if !reflect.DeepEqual(args, []string{"/usr/lib/node_modules/npm/bin/npm-cli.js", "start"}) {
		t.Fatalf("npm args %q", args)
	}
	if lookupEnv(env, "NODE_OPTIONS") != "--max-old-space-size=100" || lookupEnv(env, stashVar) != inspect {
		t.Fatalf("npm env %q", env)
	}
	args, env = rewrite([]string{"--enable-source-maps", "server.js", "--port", "1"}, env)
	if !reflect.DeepEqual(args, []string{inspect, "--enable-source-maps", "server.js", "--port", "1"}) {
		t.Fatalf("app args %q", args)
	}
	if lookupEnv(env, stashVar) != "" {
		t.Fatalf("the stash must not reach grandchildren: %q", env)
	}
}

func TestToolArgumentsAndNodeOptionsOnly(t *testing.T) {
	args, env := rewrite([]string{"--inspect=9230", "node_modules/.bin/nodemon", "app.js"}, nil)
	if !reflect.DeepEqual(args, []string{"node_modules/.bin/nodemon", "app.js"}) || lookupEnv(env, stashVar) != "--inspect=9230" {
		t.Fatalf("%q %q", args, env)
	}
	if _, ok := findEnv(env, "NODE_OPTIONS"); ok {
		t.Fatalf("NODE_OPTIONS appeared: %q", env)
	}
}

func TestNoScriptOrDisabled(t *testing.T) {
	for _, args := range [][]string{{"-e", "1"}, {"--version"}, {"-r", "x", "-p", "1"}} {
		got, _ := rewrite(args, []string{stashVar + "=" + inspect})
		if !reflect.DeepEqual(got, args) {
			t.Fatalf("%q became %q", args, got)
		}
	}
	got, env := rewrite([]string{"app.js"}, []string{"WRAPPER_ENABLED=no", stashVar + "=" + inspect})
	if !reflect.DeepEqual(got, []string{"app.js"}) || len(env) != 2 {
		t.Fatalf("disabled: %q %q", got, env)
	}
	got, _ = rewrite([]string{"-r", "ts-node/register", "app.ts"}, []string{stashVar + "=" + inspect})
	if !reflect.DeepEqual(got, []string{inspect, "-r", "ts-node/register", "app.ts"}) {
		t.Fatalf("option values: %q", got)
	}
}

func TestFindRealNodeSkipsTheWrapper(t *testing.T) {
	dir := t.TempDir()
	wrapper := filepath.Join(dir, "dbg", "node")
	real := filepath.Join(dir, "usr", "node")
	for _, file := range []string{wrapper, real} {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	found, err := findRealNode(filepath.Dir(wrapper)+":"+filepath.Dir(real), wrapper)
	if err != nil || found != real {
		t.Fatalf("found %q, %v", found, err)
	}
	if _, err := findRealNode(filepath.Dir(wrapper), wrapper); err == nil {
		t.Fatal("expected an error when only the wrapper is on PATH")
	}
}

func findEnv(env []string, key string) (string, bool) {
	for _, entry := range env {
		if len(entry) > len(key) && entry[:len(key)+1] == key+"=" {
			return entry[len(key)+1:], true
		}
	}
	return "", false
}
