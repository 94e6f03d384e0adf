module github.com/pulumi-confluent-network-link/harness/go-module-proxy

go 1.26.8

require golang.org/x/mod v0.42.0
