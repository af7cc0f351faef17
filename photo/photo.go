// Package photo prepares uploaded pictures for the public site: it sniffs
// the type from the bytes (not the file's name), refuses files and images
// that are too big, scales the picture down and encodes it afresh as JPEG.
// The result carries nothing of the upload but its pixels: no EXIF, no GPS
// position, no camera serial number.
package photo

import (
	"bytes"
	"errors"
	"image"
	_ "image/gif" // decoders for the accepted types
	"image/jpeg"
	_ "image/png"
	"io"
	"net/http"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp"

	"github.com/parasat-kz/parasat"
)

const (
	// MaxBytes is the largest file accepted: a phone's photo fits.
	MaxBytes = 15 << 20
	// MaxPixels refuses images that would take too much memory to decode
	// (a small file can declare a huge image).
	MaxPixels = 50_000_000
	// MaxSide is the longest side of the stored photo.
	MaxSide = 1600
	quality = 85
)

// accepted are the types sniffed from the first bytes, as
// http.DetectContentType names them.
var accepted = map[string]bool{"image/jpeg": true, "image/png": true, "image/gif": true, "image/webp": true}

func invalid(f parasat.FieldError) error {
	return &parasat.Error{Code: parasat.EInvalid, Message: f.Message, Fields: []parasat.FieldError{f}}
}

// Process reads an upload and returns it scaled to fit MaxSide×MaxSide and
// re-encoded as JPEG.
func Process(r io.Reader) (*parasat.EventPhoto, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	switch {
	case len(data) == 0:
		return nil, invalid(parasat.FieldError{Field: "photo", Code: "photo.required", Message: "choose a photo to upload"})
	case len(data) > MaxBytes:
		return nil, invalid(parasat.FieldError{Field: "photo", Code: "photo.too_large", Message: "the photo is larger than 15 MB"})
	case !accepted[http.DetectContentType(data)]:
		return nil, invalid(parasat.FieldError{Field: "photo", Code: "photo.type", Message: "the file is not a JPEG, PNG, GIF or WebP picture"})
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, invalid(parasat.FieldError{Field: "photo", Code: "photo.broken", Message: "the picture cannot be read: the file is damaged"})
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, invalid(parasat.FieldError{Field: "photo", Code: "photo.too_many_pixels", Message: "the picture has more than 50 megapixels"})
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, invalid(parasat.FieldError{Field: "photo", Code: "photo.broken", Message: "the picture cannot be read: the file is damaged"})
	}
	scaled := scale(img)
	var out bytes.Buffer
	if err := jpeg.Encode(&out, scaled, &jpeg.Options{Quality: quality}); err != nil {
		return nil, errors.Join(errors.New("encode the photo"), err)
	}
	b := scaled.Bounds()
	return &parasat.EventPhoto{Data: out.Bytes(), Width: b.Dx(), Height: b.Dy()}, nil
}

// scale fits img within MaxSide×MaxSide, keeping its proportions, onto an
// opaque white canvas (JPEG has no transparency).
func scale(img image.Image) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w > MaxSide || h > MaxSide {
		if w >= h {
			w, h = MaxSide, max(1, h*MaxSide/w)
		} else {
			w, h = max(1, w*MaxSide/h), MaxSide
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src)
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, b, draw.Over, nil)
	return dst
}
