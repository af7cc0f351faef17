package parasat

import "strings"

// Identity keys tell when two records are one person, so that importing a
// file twice registers nobody twice: records sharing any key are the same.
// A beneficiary is their IIN; a volunteer their name (folded) and birth
// date; a company patron its BIN; a person patron their name and a contact
// (the phone, the e-mail, or only the name when they left neither).

// IdentityKeys identifies a beneficiary by IIN.
func (b *Beneficiary) IdentityKeys() []string { return []string{"iin:" + b.IIN} }

// IdentityKeys identifies a volunteer by folded name and birth date, the
// pair the register keeps unique.
func (v *Volunteer) IdentityKeys() []string {
	return []string{"volunteer:" + v.SortKey() + "|" + v.BirthDate.String()}
}

// IdentityKeys identifies a patron: by BIN when there is one, and a person
// also by name and each contact.
func (pt *Patron) IdentityKeys() []string {
	var keys []string
	if pt.BIN != "" {
		keys = append(keys, "bin:"+pt.BIN)
	}
	if pt.Kind == PatronCompany {
		return keys
	}
	name := "person:" + pt.SortKey()
	phone, email := PhoneDigits(pt.Contacts.Phone), strings.ToLower(strings.TrimSpace(pt.Contacts.Email))
	if phone != "" {
		keys = append(keys, name+"|phone:"+phone)
	}
	if email != "" {
		keys = append(keys, name+"|email:"+email)
	}
	if phone == "" && email == "" {
		keys = append(keys, name+"|")
	}
	return keys
}

// PhoneDigits returns the digits of a phone number, with Kazakhstan's
// domestic prefix 8 written as the country code 7, so that "8 701 000 00 00"
// and "+7 (701) 000-00-00" are the same number.
func PhoneDigits(phone string) string {
	var b strings.Builder
	for _, r := range phone {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	d := b.String()
	if len(d) == 11 && d[0] == '8' {
		d = "7" + d[1:]
	}
	return d
}
