package photo

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/parasat-kz/parasat"
)

// withGPS returns a JPEG of w×h pixels carrying an EXIF segment (APP1)
// whose GPS directory puts the camera at 51.1283° N, 71.4305° E (the House
// of Friendship in Astana), as a phone would write it.
func withGPS(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		for y := 0; y < h; y++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var plain bytes.Buffer
	if err := jpeg.Encode(&plain, img, nil); err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	tiff := []byte("II*\x00")
	tiff = le.AppendUint32(tiff, 8) // IFD0 at 8
	// IFD0: one entry, GPSInfo (0x8825, LONG) pointing at the GPS IFD at 26.
	tiff = le.AppendUint16(tiff, 1)
	tiff = append(tiff, le.AppendUint32(le.AppendUint32(le.AppendUint16(le.AppendUint16(nil, 0x8825), 4), 1), 26)...)
	tiff = le.AppendUint32(tiff, 0)
	// GPS IFD: latitude ref "N", latitude (3 rationals at 80), longitude ref "E", longitude (at 104).
	entries := [][]byte{
		append(le.AppendUint32(le.AppendUint16(le.AppendUint16(nil, 1), 2), 2), 'N', 0, 0, 0),
		le.AppendUint32(le.AppendUint32(le.AppendUint16(le.AppendUint16(nil, 2), 5), 3), 80),
		append(le.AppendUint32(le.AppendUint16(le.AppendUint16(nil, 3), 2), 2), 'E', 0, 0, 0),
		le.AppendUint32(le.AppendUint32(le.AppendUint16(le.AppendUint16(nil, 4), 5), 3), 104),
	}
	tiff = le.AppendUint16(tiff, uint16(len(entries)))
	for _, e := range entries {
		tiff = append(tiff, e...)
	}
	tiff = le.AppendUint32(tiff, 0)
	for _, v := range []uint32{51, 1, 7, 1, 4188, 100, 71, 1, 25, 1, 4980, 100} {
		tiff = le.AppendUint32(tiff, v)
	}
	exif := append([]byte("Exif\x00\x00"), tiff...)
	segment := append([]byte{0xFF, 0xE1}, binary.BigEndian.AppendUint16(nil, uint16(len(exif)+2))...)
	segment = append(segment, exif...)
	src := plain.Bytes()
	return append(append(append([]byte{}, src[:2]...), segment...), src[2:]...) // right after SOI
}

func TestPhotoLosesItsGPSPositionAndIsScaled(t *testing.T) {
	in := withGPS(t, 2400, 1200)
	if !bytes.Contains(in, []byte("Exif\x00\x00")) || !bytes.Contains(in, []byte{0x25, 0x88}) {
		t.Fatal("the test picture has no EXIF GPS tag to strip")
	}
	if _, err := jpeg.Decode(bytes.NewReader(in)); err != nil {
		t.Fatalf("the test picture is not a valid JPEG: %v", err)
	}
	p, err := Process(bytes.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(p.Data, []byte("Exif")) || bytes.Contains(p.Data, []byte{0xFF, 0xE1}) {
		t.Error("the processed photo still has an EXIF (APP1) segment")
	}
	if bytes.Contains(p.Data, []byte{0x25, 0x88}) && bytes.Contains(p.Data, []byte("II*\x00")) {
		t.Error("the processed photo still has the GPS directory")
	}
	out, err := jpeg.Decode(bytes.NewReader(p.Data))
	if err != nil {
		t.Fatalf("the processed photo is not a JPEG: %v", err)
	}
	if b := out.Bounds(); b.Dx() != MaxSide || b.Dy() != MaxSide/2 || p.Width != MaxSide || p.Height != MaxSide/2 {
		t.Errorf("scaled to %v (%d×%d); want %d×%d", b, p.Width, p.Height, MaxSide, MaxSide/2)
	}
}

func TestPhotoRefusesWhatIsNotAPicture(t *testing.T) {
	var small bytes.Buffer
	_ = png.Encode(&small, image.NewGray(image.Rect(0, 0, 30, 20)))
	p, err := Process(&small)
	if err != nil || p.Width != 30 || p.Height != 20 {
		t.Fatalf("a small PNG: %+v, %v", p, err)
	}
	// A PNG header that declares 100 000 × 100 000 pixels.
	huge := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	huge = binary.BigEndian.AppendUint32(huge, 100000)
	huge = binary.BigEndian.AppendUint32(huge, 100000)
	huge = append(huge, 8, 2, 0, 0, 0)
	huge = binary.BigEndian.AppendUint32(huge, crc32.ChecksumIEEE(huge[12:]))
	for _, c := range []struct {
		name string
		data []byte
		code string
	}{
		{"empty", nil, "photo.required"},
		{"a PDF", []byte("%PDF-1.7\n1 0 obj"), "photo.type"},
		{"a script named .jpg", []byte("<script>alert(1)</script>"), "photo.type"},
		{"a broken JPEG", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00garbage"), "photo.broken"},
		{"a decompression bomb", huge, "photo.too_many_pixels"},
		{"too large", append([]byte("\xff\xd8\xff"), make([]byte, MaxBytes)...), "photo.too_large"},
	} {
		_, err := Process(bytes.NewReader(c.data))
		e, ok := err.(*parasat.Error)
		if !ok || e.Code != parasat.EInvalid || e.Fields[0].Code != c.code {
			t.Errorf("%s: %v; want %s", c.name, err, c.code)
		}
	}
}
