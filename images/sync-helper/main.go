// trestle-sync: Trestle's file-sync helper for images that have no tar and no shell.
//
// In dev mode Trestle adds an init container that runs `trestle-sync install /.trestle`, copying this static
// binary into an emptyDir that every synced container mounts at /.trestle. Syncs then run
// `/.trestle/trestle-sync apply [--delete PATH]...` over the Kubernetes exec stream with a tar stream on stdin.
package main

import (
	"archive/tar"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	if len(os.Args) < 2 {
		fail("usage: trestle-sync install DIR | apply [--delete PATH]... < tar")
	}
	switch os.Args[1] {
	case "install":
		if len(os.Args) != 3 {
			fail("usage: trestle-sync install DIR")
		}
		if err := install(os.Args[2]); err != nil {
			fail(err.Error())
		}
	case "apply":
		deletes, err := deletions(os.Args[2:])
		if err != nil {
			fail(err.Error())
		}
		written, err := extract(os.Stdin)
		if err != nil {
			fail(err.Error())
		}
		removed := 0
		for _, path := range deletes {
			if err := os.RemoveAll(path); err != nil {
				fail(fmt.Sprintf("removing %s: %v", path, err))
			}
			removed++
		}
		fmt.Printf("wrote %d, removed %d\n", written, removed)
	case "version":
		fmt.Println("trestle-sync 1")
	default:
		fail("unknown command " + os.Args[1])
	}
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "trestle-sync: "+message)
	os.Exit(1)
}

func deletions(args []string) ([]string, error) {
	var out []string
	for i := 0; i < len(args); i++ {
		if args[i] != "--delete" || i+1 >= len(args) {
			return nil, fmt.Errorf("unexpected argument %q", args[i])
		}
		out = append(out, args[i+1])
		i++
	}
	return out, nil
}

func install(dir string) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	in, err := os.Open(self)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	target := filepath.Join(dir, "trestle-sync")
	tmp := target + ".tmp"
	out, err := os.OpenFile(tmp, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	return os.Rename(tmp, target)
}

// extract writes every entry of the tar stream at its absolute path (names are relative to /).
func extract(r io.Reader) (int, error) {
	archive := tar.NewReader(r)
	written := 0
	for {
		header, err := archive.Next()
		if errors.Is(err, io.EOF) {
			return written, nil
		}
		if err != nil {
			return written, fmt.Errorf("reading the stream: %w", err)
		}
		name := "/" + strings.TrimLeft(filepath.Clean("/"+header.Name), "/")
		switch header.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(name, fs.FileMode(header.Mode)&fs.ModePerm|0o700); err != nil {
				return written, err
			}
		case tar.TypeSymlink:
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				return written, err
			}
			_ = os.Remove(name)
			if err := os.Symlink(header.Linkname, name); err != nil {
				return written, err
			}
		case tar.TypeReg:
			if err := writeFile(name, fs.FileMode(header.Mode)&fs.ModePerm, archive); err != nil {
				return written, fmt.Errorf("writing %s: %w", name, err)
			}
			written++
		}
	}
}

// writeFile replaces the file atomically when its directory is writable, else rewrites it in place.
func writeFile(name string, mode fs.FileMode, content io.Reader) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".trestle-sync-*")
	if err == nil {
		if _, err = io.Copy(tmp, content); err == nil {
			err = tmp.Close()
		} else {
			tmp.Close()
		}
		if err == nil {
			_ = os.Chmod(tmp.Name(), mode)
			err = os.Rename(tmp.Name(), name)
		}
		if err != nil {
			os.Remove(tmp.Name())
		}
		return err
	}
	out, err := os.OpenFile(name, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, content); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
