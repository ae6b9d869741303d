module trestle.dev/sync-helper

go 1.19
