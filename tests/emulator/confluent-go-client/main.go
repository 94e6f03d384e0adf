// Drives the emulator with Confluent's own generated Go client for the networking API
// (github.com/confluentinc/ccloud-sdk-go-v2/networking), the client the Terraform provider and the
// confluent CLI are built on, and prints what it observed as one JSON object. The jest test
// (../confluent-go-client.test.ts) starts the emulator, runs this program and checks the report, so a
// response the real client cannot decode, or a request of the real client the emulator refuses,
// fails there with the step's name.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	neturl "net/url"
	"os"
	"time"

	networking "github.com/confluentinc/ccloud-sdk-go-v2/networking/v1"
)

const (
	envA = "env-aaaaa1"
	netA = "n-aaaaa1"
	envB = "env-bbbbb1"
	netB = "n-bbbbb1"
)

type scenario struct {
	ctx    context.Context
	api    *networking.APIClient
	report map[string]any
}

func main() {
	url, key, secret := os.Getenv("EMULATOR_URL"), os.Getenv("EMULATOR_KEY"), os.Getenv("EMULATOR_SECRET")
	if url == "" || key == "" || secret == "" {
		fail("setup", errors.New("EMULATOR_URL, EMULATOR_KEY and EMULATOR_SECRET are required"))
	}
	cfg := networking.NewConfiguration()
	cfg.Servers = networking.ServerConfigurations{{URL: url}}
	cfg.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	auth := networking.BasicAuth{UserName: key, Password: secret}
	s := &scenario{
		ctx:    context.WithValue(context.Background(), networking.ContextBasicAuth, auth),
		api:    networking.NewAPIClient(cfg),
		report: map[string]any{},
	}
	s.run()
	out, _ := json.Marshal(s.report)
	fmt.Println(string(out))
}

func (s *scenario) run() {
	svcAPI := s.api.NetworkLinkServicesNetworkingV1Api
	nleAPI := s.api.NetworkLinkEndpointsNetworkingV1Api
	assocAPI := s.api.NetworkLinkServiceAssociationsNetworkingV1Api

	created, resp, err := svcAPI.CreateNetworkingV1NetworkLinkService(s.ctx).NetworkingV1NetworkLinkService(
		networking.NetworkingV1NetworkLinkService{Spec: &networking.NetworkingV1NetworkLinkServiceSpec{
			DisplayName: ptr("go-client-service"),
			Description: ptr("made by Confluent's Go client"),
			Environment: &networking.GlobalObjectReference{Id: envA},
			Network:     &networking.EnvScopedObjectReference{Id: netA},
			Accept:      &networking.NetworkingV1NetworkLinkServiceAcceptPolicy{Networks: &[]string{netB}},
		}}).Execute()
	check("create service", resp, err)
	nls := created.GetId()
	s.report["createService"] = map[string]any{
		"status": resp.StatusCode, "id": nls, "kind": created.GetKind(), "apiVersion": created.GetApiVersion(),
		"phase": created.Status.GetPhase(), "self": created.Metadata.GetSelf(),
		"network": created.Spec.Network.GetId(), "environment": created.Spec.Environment.GetId(),
		"acceptNetworks": created.Spec.Accept.GetNetworks(), "hasCreatedAt": created.Metadata.CreatedAt != nil,
	}

	s.report["serviceReadyPhase"] = waitFor("service READY", func() (string, *http.Response, error) {
		got, resp, err := svcAPI.GetNetworkingV1NetworkLinkService(s.ctx, nls).Environment(envA).Execute()
		return got.Status.GetPhase(), resp, err
	}, "READY")

	updated, resp, err := svcAPI.UpdateNetworkingV1NetworkLinkService(s.ctx, nls).NetworkingV1NetworkLinkServiceUpdate(
		networking.NetworkingV1NetworkLinkServiceUpdate{Spec: &networking.NetworkingV1NetworkLinkServiceSpecUpdate{
			Description: ptr("updated by Confluent's Go client"),
			Environment: &networking.GlobalObjectReference{Id: envA},
			Accept: &networking.NetworkingV1NetworkLinkServiceAcceptPolicy{
				Environments: &[]string{envB}, Networks: &[]string{netB},
			},
		}}).Execute()
	check("update service", resp, err)
	s.report["updateService"] = map[string]any{
		"status": resp.StatusCode, "description": updated.Spec.GetDescription(),
		"displayName": updated.Spec.GetDisplayName(), "acceptEnvironments": updated.Spec.Accept.GetEnvironments(),
	}

	list, resp, err := svcAPI.ListNetworkingV1NetworkLinkServices(s.ctx).Environment(envA).SpecNetwork([]string{netA}).Execute()
	check("list services", resp, err)
	s.report["listServices"] = map[string]any{"status": resp.StatusCode, "kind": list.Kind, "ids": serviceIDs(list.Data)}

	nle, resp, err := nleAPI.CreateNetworkingV1NetworkLinkEndpoint(s.ctx).NetworkingV1NetworkLinkEndpoint(
		networking.NetworkingV1NetworkLinkEndpoint{Spec: &networking.NetworkingV1NetworkLinkEndpointSpec{
			DisplayName:        ptr("go-client-endpoint"),
			Environment:        &networking.GlobalObjectReference{Id: envB},
			Network:            &networking.EnvScopedObjectReference{Id: netB},
			NetworkLinkService: &networking.EnvScopedObjectReference{Id: nls},
		}}).Execute()
	check("create endpoint", resp, err)
	nleID := nle.GetId()
	s.report["createEndpoint"] = map[string]any{
		"status": resp.StatusCode, "id": nleID, "phase": nle.Status.GetPhase(),
		"service": nle.Spec.NetworkLinkService.GetId(), "network": nle.Spec.Network.GetId(),
	}
	s.report["endpointReadyPhase"] = waitFor("endpoint READY", func() (string, *http.Response, error) {
		got, resp, err := nleAPI.GetNetworkingV1NetworkLinkEndpoint(s.ctx, nleID).Environment(envB).Execute()
		return got.Status.GetPhase(), resp, err
	}, "READY")

	assocs, resp, err := assocAPI.ListNetworkingV1NetworkLinkServiceAssociations(s.ctx).Environment(envA).SpecNetworkLinkService(nls).Execute()
	check("list associations", resp, err)
	assocView := []map[string]any{}
	for _, a := range assocs.Data {
		assocView = append(assocView, map[string]any{
			"id": a.GetId(), "endpoint": a.Spec.GetNetworkLinkEndpoint(), "phase": a.Status.GetPhase(),
			"displayName": a.Spec.GetDisplayName(),
		})
	}
	s.report["associations"] = assocView
	if len(assocs.Data) > 0 {
		one, resp, err := assocAPI.GetNetworkingV1NetworkLinkServiceAssociation(s.ctx, assocs.Data[0].GetId()).
			Environment(envA).SpecNetworkLinkService(nls).Execute()
		check("get association", resp, err)
		s.report["association"] = map[string]any{"status": resp.StatusCode, "endpoint": one.Spec.GetNetworkLinkEndpoint()}
	}

	nles, resp, err := nleAPI.ListNetworkingV1NetworkLinkEndpoints(s.ctx).Environment(envB).
		SpecNetworkLinkService([]string{nls}).PageSize(1).Execute()
	check("list endpoints", resp, err)
	s.report["listEndpoints"] = map[string]any{"status": resp.StatusCode, "count": len(nles.Data), "first": nles.Metadata.GetFirst()}

	_, resp, err = nleAPI.UpdateNetworkingV1NetworkLinkEndpoint(s.ctx, nleID).NetworkingV1NetworkLinkEndpointUpdate(
		networking.NetworkingV1NetworkLinkEndpointUpdate{Spec: &networking.NetworkingV1NetworkLinkEndpointSpecUpdate{
			DisplayName: ptr("go-client-endpoint-renamed"), Environment: &networking.GlobalObjectReference{Id: envB},
		}}).Execute()
	check("update endpoint", resp, err)

	s.pendingAccept(nls)
	s.pages()
	s.networks()

	// The API's errors, decoded by the client into its Failure model.
	resp, err = svcAPI.DeleteNetworkingV1NetworkLinkService(s.ctx, nls).Environment(envA).Execute()
	s.report["deleteServiceWithEndpoint"] = failure(resp, err)
	_, resp, err = svcAPI.GetNetworkingV1NetworkLinkService(s.ctx, "nls-zzzzzz").Environment(envA).Execute()
	s.report["getMissingService"] = failure(resp, err)
	badAuth := context.WithValue(context.Background(), networking.ContextBasicAuth, networking.BasicAuth{UserName: "nobody", Password: "wrong"})
	_, resp, err = svcAPI.ListNetworkingV1NetworkLinkServices(badAuth).Environment(envA).Execute()
	s.report["wrongCredentials"] = failure(resp, err)

	resp, err = nleAPI.DeleteNetworkingV1NetworkLinkEndpoint(s.ctx, nleID).Environment(envB).Execute()
	check("delete endpoint", resp, err)
	s.report["deleteEndpoint"] = resp.StatusCode
	s.report["endpointGone"] = waitGone("endpoint gone", func() (*http.Response, error) {
		_, resp, err := nleAPI.GetNetworkingV1NetworkLinkEndpoint(s.ctx, nleID).Environment(envB).Execute()
		return resp, err
	})
	resp, err = svcAPI.DeleteNetworkingV1NetworkLinkService(s.ctx, nls).Environment(envA).Execute()
	check("delete service", resp, err)
	s.report["deleteService"] = resp.StatusCode
	s.report["serviceGone"] = waitGone("service gone", func() (*http.Response, error) {
		_, resp, err := svcAPI.GetNetworkingV1NetworkLinkService(s.ctx, nls).Environment(envA).Execute()
		return resp, err
	})
}

// pendingAccept: an endpoint from a network the service does not accept waits in PENDING_ACCEPT with an
// expiry the client decodes as a time.
func (s *scenario) pendingAccept(nls string) {
	nleAPI := s.api.NetworkLinkEndpointsNetworkingV1Api
	nle, resp, err := nleAPI.CreateNetworkingV1NetworkLinkEndpoint(s.ctx).NetworkingV1NetworkLinkEndpoint(
		networking.NetworkingV1NetworkLinkEndpoint{Spec: &networking.NetworkingV1NetworkLinkEndpointSpec{
			DisplayName:        ptr("go-client-not-accepted"),
			Environment:        &networking.GlobalObjectReference{Id: envA},
			Network:            &networking.EnvScopedObjectReference{Id: "n-aaaaa2"},
			NetworkLinkService: &networking.EnvScopedObjectReference{Id: nls},
		}}).Execute()
	check("create endpoint not accepted", resp, err)
	phase := waitFor("endpoint PENDING_ACCEPT", func() (string, *http.Response, error) {
		got, resp, err := nleAPI.GetNetworkingV1NetworkLinkEndpoint(s.ctx, nle.GetId()).Environment(envA).Execute()
		return got.Status.GetPhase(), resp, err
	}, "PENDING_ACCEPT")
	got, resp, err := nleAPI.GetNetworkingV1NetworkLinkEndpoint(s.ctx, nle.GetId()).Environment(envA).Execute()
	check("get endpoint not accepted", resp, err)
	s.report["pendingAccept"] = map[string]any{"phase": phase, "expiresAtInFuture": got.Status.GetExpiresAt().After(time.Now())}
	resp, err = nleAPI.DeleteNetworkingV1NetworkLinkEndpoint(s.ctx, nle.GetId()).Environment(envA).Execute()
	check("delete endpoint not accepted", resp, err)
	waitGone("endpoint not accepted gone", func() (*http.Response, error) {
		_, resp, err := nleAPI.GetNetworkingV1NetworkLinkEndpoint(s.ctx, nle.GetId()).Environment(envA).Execute()
		return resp, err
	})
}

// pages: three more services, listed two a page, following metadata.next's page_token as the
// Terraform provider does.
func (s *scenario) pages() {
	svcAPI := s.api.NetworkLinkServicesNetworkingV1Api
	made := []string{}
	for _, network := range []string{"n-aaaaa3", "n-aaaaa4", "n-aaaaa5"} {
		svc, resp, err := svcAPI.CreateNetworkingV1NetworkLinkService(s.ctx).NetworkingV1NetworkLinkService(
			networking.NetworkingV1NetworkLinkService{Spec: &networking.NetworkingV1NetworkLinkServiceSpec{
				DisplayName: ptr("go-client-page-" + network),
				Environment: &networking.GlobalObjectReference{Id: envA},
				Network:     &networking.EnvScopedObjectReference{Id: network},
				Accept:      &networking.NetworkingV1NetworkLinkServiceAcceptPolicy{Networks: &[]string{netB}},
			}}).Execute()
		check("create service for pages", resp, err)
		made = append(made, svc.GetId())
	}
	seen, pages, token := []string{}, 0, ""
	for pages < 10 {
		req := svcAPI.ListNetworkingV1NetworkLinkServices(s.ctx).Environment(envA).PageSize(2)
		if token != "" {
			req = req.PageToken(token)
		}
		page, resp, err := req.Execute()
		check("list services page", resp, err)
		pages++
		seen = append(seen, serviceIDs(page.Data)...)
		next := page.Metadata.GetNext()
		if next == "" {
			break
		}
		parsed, err := neturl.Parse(next)
		if err != nil {
			fail("parse metadata.next", err)
		}
		token = parsed.Query().Get("page_token")
	}
	s.report["pages"] = map[string]any{"pages": pages, "seen": seen, "made": made}
	for _, id := range made {
		resp, err := svcAPI.DeleteNetworkingV1NetworkLinkService(s.ctx, id).Environment(envA).Execute()
		check("delete service for pages", resp, err)
	}
}

// networks: a network's cloud, region and connection types as the client decodes them, from a get and
// from a filtered list paged two at a time; another environment's network is a decoded 404 Failure.
func (s *scenario) networks() {
	netAPI := s.api.NetworksNetworkingV1Api
	got, resp, err := netAPI.GetNetworkingV1Network(s.ctx, netA).Environment(envA).Execute()
	check("get network", resp, err)
	s.report["getNetwork"] = map[string]any{
		"status": resp.StatusCode, "kind": got.GetKind(), "apiVersion": got.GetApiVersion(), "id": got.GetId(),
		"self": got.Metadata.GetSelf(), "hasCreatedAt": got.Metadata.CreatedAt != nil,
		"displayName": got.Spec.GetDisplayName(), "cloud": got.Spec.GetCloud(), "region": got.Spec.GetRegion(),
		"connectionTypes": got.Spec.GetConnectionTypes(), "environment": got.Spec.Environment.GetId(),
		"phase": got.Status.GetPhase(), "supportedConnectionTypes": got.Status.GetSupportedConnectionTypes(),
		"activeConnectionTypes": got.Status.GetActiveConnectionTypes(),
	}

	regions, pages, token := map[string]string{}, 0, ""
	for pages < 10 {
		req := netAPI.ListNetworkingV1Networks(s.ctx).Environment(envA).SpecCloud([]string{"AWS", "GCP"}).
			SpecConnectionTypes([]string{"PRIVATELINK"}).PageSize(2)
		if token != "" {
			req = req.PageToken(token)
		}
		page, resp, err := req.Execute()
		check("list networks page", resp, err)
		pages++
		for _, n := range page.Data {
			regions[n.GetId()] = n.Spec.GetCloud() + " " + n.Spec.GetRegion()
		}
		next := page.Metadata.GetNext()
		if next == "" {
			s.report["listNetworks"] = map[string]any{
				"status": resp.StatusCode, "kind": page.Kind, "pages": pages, "regions": regions,
				"totalSize": page.Metadata.GetTotalSize(),
			}
			break
		}
		parsed, err := neturl.Parse(next)
		if err != nil {
			fail("parse networks metadata.next", err)
		}
		token = parsed.Query().Get("page_token")
	}

	filtered, resp, err := netAPI.ListNetworkingV1Networks(s.ctx).Environment(envA).SpecRegion([]string{"us-east-1"}).Execute()
	check("list networks by region", resp, err)
	ids := []string{}
	for _, n := range filtered.Data {
		ids = append(ids, n.GetId())
	}
	s.report["networksInUsEast1"] = ids

	_, resp, err = netAPI.GetNetworkingV1Network(s.ctx, netB).Environment(envA).Execute()
	s.report["getNetworkOfOtherEnvironment"] = failure(resp, err)
}

func serviceIDs(data []networking.NetworkingV1NetworkLinkService) []string {
	ids := []string{}
	for _, d := range data {
		ids = append(ids, d.GetId())
	}
	return ids
}

// failure reports an expected error: the status, and the first error of the decoded Failure body.
func failure(resp *http.Response, err error) map[string]any {
	out := map[string]any{"ok": err == nil}
	if resp != nil {
		out["status"] = resp.StatusCode
	}
	var apiErr networking.GenericOpenAPIError
	if errors.As(err, &apiErr) {
		if f, isFailure := apiErr.Model().(networking.Failure); isFailure && len(f.Errors) > 0 {
			out["decoded"] = true
			out["detail"] = f.Errors[0].GetDetail()
			out["code"] = f.Errors[0].GetCode()
		} else {
			out["decoded"] = false
		}
		out["body"] = string(apiErr.Body())
	}
	return out
}

func waitFor(step string, get func() (string, *http.Response, error), want string) string {
	phase := ""
	for i := 0; i < 100; i++ {
		var resp *http.Response
		var err error
		phase, resp, err = get()
		check(step, resp, err)
		if phase == want {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	return phase
}

func waitGone(step string, get func() (*http.Response, error)) int {
	for i := 0; i < 100; i++ {
		resp, err := get()
		if resp != nil && resp.StatusCode == http.StatusNotFound {
			return resp.StatusCode
		}
		check(step, resp, err)
		time.Sleep(100 * time.Millisecond)
	}
	return 0
}

func check(step string, resp *http.Response, err error) {
	if err == nil {
		return
	}
	var apiErr networking.GenericOpenAPIError
	if errors.As(err, &apiErr) {
		err = fmt.Errorf("%w: %s", err, apiErr.Body())
	}
	if resp != nil {
		err = fmt.Errorf("HTTP %d: %w", resp.StatusCode, err)
	}
	fail(step, err)
}

func fail(step string, err error) {
	fmt.Fprintf(os.Stderr, "confluent-go-client: %s: %v\n", step, err)
	os.Exit(1)
}

func ptr(s string) *string { return &s }
