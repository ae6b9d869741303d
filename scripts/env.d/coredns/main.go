// A CoreDNS with only the plugins the test cluster's DNS needs (the cluster.local zone from the
// Kubernetes API; nothing is forwarded anywhere). Built by build-k8s.sh as a dependency of a small
// module of ours, so the many cloud plugins of the full CoreDNS are never compiled.
package main

import (
	"github.com/coredns/coredns/core/dnsserver"
	"github.com/coredns/coredns/coremain"

	_ "github.com/coredns/coredns/plugin/bind"
	_ "github.com/coredns/coredns/plugin/cache"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/ready"
)

func init() {
	// The order in which the plugins see a query (upstream's plugin.cfg order, reduced).
	dnsserver.Directives = []string{"bind", "ready", "errors", "cache", "kubernetes"}
}

func main() {
	coremain.Run()
}
