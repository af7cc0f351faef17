package password

import (
	"strings"
	"testing"
)

func TestHashVerify(t *testing.T) {
	h, err := Hash("қазақ тілі 2024")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not argon2id with the current parameters", h)
	}
	if ok, err := Verify("қазақ тілі 2024", h); !ok || err != nil {
		t.Errorf("Verify(right password) = %v, %v; want true", ok, err)
	}
	if ok, _ := Verify("қазақ тілі 2025", h); ok {
		t.Error("Verify(wrong password) = true")
	}
	if NeedsRehash(h) {
		t.Error("a fresh hash needs no rehash")
	}
	h2, _ := Hash("қазақ тілі 2024")
	if h == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
}

func TestOldParametersStillVerifyAndAskForRehash(t *testing.T) {
	old := Params{Time: 1, Memory: 8 * 1024, Threads: 1, KeyLen: 32, SaltLen: 16}
	h, err := hashWith("secret-password", old)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := Verify("secret-password", h); !ok || err != nil {
		t.Errorf("Verify with old parameters = %v, %v; want true", ok, err)
	}
	if !NeedsRehash(h) {
		t.Error("a hash with old parameters must ask for a rehash")
	}
}

func TestMalformedHash(t *testing.T) {
	for _, h := range []string{"", "plain", "$argon2i$v=19$m=1,t=1,p=1$AA$AA", "$argon2id$v=19$m=x$AA$AA"} {
		if _, err := Verify("x", h); err != ErrMalformed {
			t.Errorf("Verify(%q) error = %v; want ErrMalformed", h, err)
		}
	}
}
