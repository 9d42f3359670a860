package falmock_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/falplatform/fal-go/pkg/falmock"
)

func ExampleNewServer() {
	srv := falmock.NewServer()
	defer srv.Close()

	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/keys", nil)
	req.Header.Set("Authorization", "Key my-test-key")
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		panic(err)
	}
	resp.Body.Close()

	r := srv.Requests()[0]
	fmt.Println(resp.StatusCode, r.OperationID, r.Header.Get("Authorization"), r.Page)
	// Output: 200 listApiKeys Key my-test-key 1
}

func ExampleHandler_Inject() {
	srv := falmock.NewServer()
	defer srv.Close()

	// The next call is rate limited, the one after succeeds.
	if err := srv.Inject("getMeta", falmock.Fault{Status: 429, RetryAfter: "1", Times: 1}); err != nil {
		panic(err)
	}
	for range 2 {
		resp, err := srv.HTTPClient().Get(srv.URL + "/meta")
		if err != nil {
			panic(err)
		}
		var env struct {
			Error struct {
				Type string `json:"type"`
			} `json:"error"`
		}
		json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		fmt.Printf("%d Retry-After=%q type=%q\n", resp.StatusCode, resp.Header.Get("Retry-After"), env.Error.Type)
	}
	// Output:
	// 429 Retry-After="1" type="rate_limited"
	// 200 Retry-After="" type=""
}

func ExampleNewHandler() {
	h, err := falmock.NewHandler(falmock.WithAdminKeys("admin-key"))
	if err != nil {
		panic(err)
	}
	req := httptest.NewRequest(http.MethodGet, h.BasePath()+"/keys", nil)
	req.Header.Set("Authorization", "Key plain-key")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Body)
	var env struct {
		Error struct {
			Type    string `json:"type"`
			Message string `json:"message"`
		} `json:"error"`
	}
	json.Unmarshal(body, &env)
	fmt.Println(rec.Code, env.Error.Type)
	fmt.Println(env.Error.Message)
	// Output:
	// 403 authorization_error
	// listApiKeys needs an admin API key (security scheme "adminApiKey")
}

func ExampleDownloadContent() {
	// WithDownloadSize(n) serves exactly the bytes DownloadContent(n) reads.
	b, _ := io.ReadAll(falmock.DownloadContent(4))
	fmt.Printf("% x\n", b)
	// Output: 00 01 02 03
}
