package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
)

// The C# generator downloads the package icon (logo.png, packed into the NuGet package) from the
// schema's logoUrl, or from GitHub when it is unset. Generation must work offline and give the same
// bytes every time, so while it runs every HTTP request is answered here: with a plain icon drawn
// below, never from the network.

// logoPNG is a 64×64 icon: a solid square, enough for NuGet's PackageIcon.
func logoPNG() ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	fill := color.RGBA{R: 0x1f, G: 0x4e, B: 0x8c, A: 0xff}
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			img.Set(x, y, fill)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type offlineLogo struct{}

func (offlineLogo) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodGet || !isLogoPath(req.URL.Path) {
		return nil, fmt.Errorf("sdk-gen-dotnet makes no network requests (asked for %s %s)", req.Method, req.URL)
	}
	body, err := logoPNG()
	if err != nil {
		return nil, err
	}
	return &http.Response{
		StatusCode:    http.StatusOK,
		Status:        "200 OK",
		Header:        http.Header{"Content-Type": []string{"image/png"}},
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       req,
	}, nil
}

func isLogoPath(path string) bool {
	return len(path) > 4 && path[len(path)-4:] == ".png"
}

// serveLogoOffline routes the default HTTP client to offlineLogo; the returned function undoes it.
func serveLogoOffline() func() {
	previous := http.DefaultTransport
	http.DefaultTransport = offlineLogo{}
	return func() { http.DefaultTransport = previous }
}
