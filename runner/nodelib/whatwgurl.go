package nodelib

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// A WHATWG URL parser, the subset hooks meet: special and non-special schemes, relative
// resolution, userinfo, IPv4/IPv6 and IDNA hosts, default ports, dot segments and the
// percent-encode sets of Node 20 (ada). goja_nodejs's URL wraps net/url, whose RFC 3986
// rules differ from Node's in ways hooks notice (origin ports, relative paths, setters).

type urlRecord struct {
	scheme             string
	username, password string
	host               string
	hasHost            bool
	port               string
	path               []string
	opaque             bool   // a URL with an opaque path (mailto:, urn:)
	opaquePath         string // the path when opaque
	query, fragment    string
	hasQuery, hasFrag  bool
}

var specialPorts = map[string]string{"ftp": "21", "file": "", "http": "80", "https": "443", "ws": "80", "wss": "443"}

func isSpecial(scheme string) bool { _, ok := specialPorts[scheme]; return ok }

// Percent-encode sets.
func inC0(c byte) bool       { return c < 0x20 || c > 0x7e }
func inFragment(c byte) bool { return inC0(c) || strings.IndexByte(" \"<>`", c) >= 0 }
func inQuery(c byte) bool    { return inC0(c) || strings.IndexByte(" \"#<>", c) >= 0 }
func inSpecialQuery(c byte) bool {
	return inQuery(c) || c == '\''
}
func inPath(c byte) bool     { return inQuery(c) || strings.IndexByte("?`{}", c) >= 0 }
func inUserinfo(c byte) bool { return inPath(c) || strings.IndexByte("/:;=@[\\]^|", c) >= 0 }

func percentEncode(s string, set func(byte) bool) string {
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if set(c) {
			sb.WriteByte('%')
			sb.WriteString(strings.ToUpper(hexByte(c)))
		} else {
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

// percentDecode decodes %XX sequences, leaving invalid ones as they are.
func percentDecode(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			v, _ := strconv.ParseUint(s[i+1:i+3], 16, 8)
			out = append(out, byte(v))
			i += 2
			continue
		}
		out = append(out, s[i])
	}
	return out
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func isSchemeStart(s string) int {
	if s == "" || !isAlpha(s[0]) {
		return -1
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if c == ':' {
			return i
		}
		if !isAlpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.' {
			return -1
		}
	}
	return -1
}

func isAlpha(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

func cleanInput(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool { return r <= 0x20 })
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(s)
	}
	return s
}

// parseURL parses input against an optional base; ok is false for an invalid URL.
func parseURL(input string, base *urlRecord) (*urlRecord, bool) {
	s := cleanInput(input)
	u := &urlRecord{}
	if i := isSchemeStart(s); i > 0 {
		u.scheme = strings.ToLower(s[:i])
		rest := s[i+1:]
		if isSpecial(u.scheme) {
			rest = strings.ReplaceAll(rest, "\\", "/")
			if u.scheme == "file" {
				return parseFile(u, rest, base)
			}
			if base != nil && base.scheme == u.scheme && !strings.HasPrefix(rest, "/") {
				return resolveRelative(u, rest, base)
			}
			return parseAuthorityAndRest(u, strings.TrimLeft(rest, "/"))
		}
		if strings.HasPrefix(rest, "//") {
			return parseAuthorityAndRest(u, rest[2:])
		}
		if strings.HasPrefix(rest, "/") {
			return parsePathQueryFragment(u, rest)
		}
		u.opaque = true
		path, q, f, hasQ, hasF := splitQF(rest)
		u.opaquePath = percentEncode(path, inC0)
		u.setQuery(q, hasQ)
		u.setFragment(f, hasF)
		return u, true
	}
	if base == nil {
		return nil, false
	}
	if base.opaque {
		if !strings.HasPrefix(s, "#") {
			return nil, false
		}
		c := *base
		c.setFragment(s[1:], true)
		return &c, true
	}
	u.scheme = base.scheme
	if isSpecial(u.scheme) {
		s = strings.ReplaceAll(s, "\\", "/")
	}
	if u.scheme == "file" {
		return parseFile(u, s, base)
	}
	return resolveRelative(u, s, base)
}

func resolveRelative(u *urlRecord, s string, base *urlRecord) (*urlRecord, bool) {
	switch {
	case strings.HasPrefix(s, "//"):
		if isSpecial(u.scheme) {
			return parseAuthorityAndRest(u, strings.TrimLeft(s, "/"))
		}
		return parseAuthorityAndRest(u, s[2:])
	case strings.HasPrefix(s, "/"):
		u.copyAuthority(base)
		return parsePathQueryFragment(u, s)
	case strings.HasPrefix(s, "?"):
		u.copyAuthority(base)
		u.path = append([]string(nil), base.path...)
		_, q, f, _, hasF := splitQF(s)
		u.setQuery(q, true)
		u.setFragment(f, hasF)
		return u, true
	case strings.HasPrefix(s, "#"):
		c := *base
		c.path = append([]string(nil), base.path...)
		c.setFragment(s[1:], true)
		return &c, true
	case s == "":
		c := *base
		c.path = append([]string(nil), base.path...)
		c.fragment, c.hasFrag = "", false
		return &c, true
	}
	u.copyAuthority(base)
	dir := ""
	if len(base.path) > 0 {
		dir = "/" + strings.Join(base.path[:len(base.path)-1], "/")
		if len(base.path) > 1 {
			dir += "/"
		}
	} else {
		dir = "/"
	}
	return parsePathQueryFragment(u, dir+s)
}

func (u *urlRecord) copyAuthority(b *urlRecord) {
	u.username, u.password, u.host, u.hasHost, u.port = b.username, b.password, b.host, b.hasHost, b.port
}

func parseFile(u *urlRecord, rest string, base *urlRecord) (*urlRecord, bool) {
	u.hasHost = true
	if strings.HasPrefix(rest, "//") {
		rest = rest[2:]
		end := strings.IndexAny(rest, "/?#")
		if end < 0 {
			end = len(rest)
		}
		host := rest[:end]
		if host != "" && host != "localhost" {
			h, ok := parseHost(host, true)
			if !ok {
				return nil, false
			}
			u.host = h
		}
		return parsePathQueryFragment(u, rest[end:])
	}
	if base != nil && base.scheme == "file" && !strings.HasPrefix(rest, "/") {
		return resolveRelative(u, rest, base)
	}
	return parsePathQueryFragment(u, rest)
}

func splitQF(s string) (path, query, frag string, hasQ, hasF bool) {
	if i := strings.IndexByte(s, '#'); i >= 0 {
		frag, hasF = s[i+1:], true
		s = s[:i]
	}
	if i := strings.IndexByte(s, '?'); i >= 0 {
		query, hasQ = s[i+1:], true
		s = s[:i]
	}
	return s, query, frag, hasQ, hasF
}

func parseAuthorityAndRest(u *urlRecord, s string) (*urlRecord, bool) {
	end := strings.IndexAny(s, "/?#")
	if end < 0 {
		end = len(s)
	}
	auth := s[:end]
	if at := strings.LastIndexByte(auth, '@'); at >= 0 {
		userinfo := auth[:at]
		auth = auth[at+1:]
		user, pass, hasPass := strings.Cut(userinfo, ":")
		u.username = percentEncode(user, inUserinfo)
		if hasPass {
			u.password = percentEncode(pass, inUserinfo)
		}
	}
	hostPart, port := auth, ""
	if i := strings.LastIndexByte(auth, ':'); i >= 0 && !strings.Contains(auth[i:], "]") {
		hostPart, port = auth[:i], auth[i+1:]
	}
	if hostPart == "" && isSpecial(u.scheme) {
		return nil, false
	}
	h, ok := parseHost(hostPart, isSpecial(u.scheme))
	if !ok {
		return nil, false
	}
	u.host, u.hasHost = h, true
	if !u.setPort(port) {
		return nil, false
	}
	return parsePathQueryFragment(u, s[end:])
}

// setPort validates and stores a port; the scheme's default port is omitted.
func (u *urlRecord) setPort(port string) bool {
	if port == "" {
		u.port = ""
		return true
	}
	for i := 0; i < len(port); i++ {
		if port[i] < '0' || port[i] > '9' {
			return false
		}
	}
	n, err := strconv.Atoi(strings.TrimLeft(port, "0") + "0")
	if err != nil || n/10 > 65535 {
		return false
	}
	p := strconv.Itoa(n / 10)
	if def, ok := specialPorts[u.scheme]; ok && def == p {
		p = ""
	}
	u.port = p
	return true
}

const forbiddenHost = "\x00\t\n\r #/:<>?@[\\]^|"

func parseHost(h string, special bool) (string, bool) {
	if strings.HasPrefix(h, "[") {
		if !strings.HasSuffix(h, "]") {
			return "", false
		}
		return strings.ToLower(h), true
	}
	if !special {
		if strings.ContainsAny(h, forbiddenHost) {
			return "", false
		}
		return percentEncode(h, inC0), true
	}
	decoded := string(percentDecode(h))
	if !utf8.ValidString(decoded) {
		return "", false
	}
	ascii, err := idna.Lookup.ToASCII(decoded)
	if err != nil {
		// Lookup rejects some names browsers accept (underscores); fall back to lowercase.
		ascii = strings.ToLower(decoded)
		for _, r := range ascii {
			if r > 0x7e {
				return "", false
			}
		}
	}
	if ascii == "" || strings.ContainsAny(ascii, forbiddenHost+"%") {
		return "", false
	}
	if v4, isV4, ok := parseIPv4(ascii); isV4 {
		return v4, ok
	}
	return ascii, true
}

// parseIPv4 recognises hosts whose last label is numeric (WHATWG's IPv4 parser, with hex
// and octal parts).
func parseIPv4(h string) (string, bool, bool) {
	parts := strings.Split(strings.TrimSuffix(h, "."), ".")
	last := parts[len(parts)-1]
	if _, ok := ipv4Number(last); !ok {
		return "", false, false
	}
	if len(parts) > 4 {
		return "", true, false
	}
	nums := make([]uint64, len(parts))
	for i, p := range parts {
		n, ok := ipv4Number(p)
		if !ok {
			return "", true, false
		}
		nums[i] = n
	}
	for _, n := range nums[:len(nums)-1] {
		if n > 255 {
			return "", true, false
		}
	}
	if nums[len(nums)-1] >= 1<<(8*(5-len(nums))) {
		return "", true, false
	}
	ip := nums[len(nums)-1]
	for i, n := range nums[:len(nums)-1] {
		ip += n << (8 * (3 - i))
	}
	return strconv.FormatUint(ip>>24, 10) + "." + strconv.FormatUint(ip>>16&255, 10) + "." +
		strconv.FormatUint(ip>>8&255, 10) + "." + strconv.FormatUint(ip&255, 10), true, true
}

func ipv4Number(s string) (uint64, bool) {
	if s == "" {
		return 0, false
	}
	base := 10
	switch {
	case len(s) > 1 && (s[:2] == "0x" || s[:2] == "0X"):
		s, base = s[2:], 16
		if s == "" {
			return 0, true
		}
	case len(s) > 1 && s[0] == '0':
		s, base = s[1:], 8
	}
	n, err := strconv.ParseUint(s, base, 64)
	return n, err == nil
}

func parsePathQueryFragment(u *urlRecord, s string) (*urlRecord, bool) {
	path, q, f, hasQ, hasF := splitQF(s)
	u.setPath(path)
	u.setQuery(q, hasQ)
	u.setFragment(f, hasF)
	return u, true
}

func (u *urlRecord) setPath(p string) {
	if isSpecial(u.scheme) {
		p = strings.ReplaceAll(p, "\\", "/")
	}
	u.path = u.path[:0]
	if p == "" {
		if isSpecial(u.scheme) {
			u.path = []string{""}
		}
		return
	}
	segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, seg := range segs {
		lower := strings.ToLower(seg)
		last := i == len(segs)-1
		switch lower {
		case ".", "%2e":
			if last {
				u.path = append(u.path, "")
			}
		case "..", ".%2e", "%2e.", "%2e%2e":
			if len(u.path) > 0 {
				u.path = u.path[:len(u.path)-1]
			}
			if last {
				u.path = append(u.path, "")
			}
		default:
			u.path = append(u.path, percentEncode(seg, inPath))
		}
	}
	if len(u.path) == 0 && (isSpecial(u.scheme) || strings.HasPrefix(p, "/")) {
		u.path = []string{""}
	}
}

func (u *urlRecord) setQuery(q string, has bool) {
	set := inQuery
	if isSpecial(u.scheme) {
		set = inSpecialQuery
	}
	u.query, u.hasQuery = percentEncode(q, set), has
}

func (u *urlRecord) setFragment(f string, has bool) {
	u.fragment, u.hasFrag = percentEncode(f, inFragment), has
}

func (u *urlRecord) pathname() string {
	if u.opaque {
		return u.opaquePath
	}
	if len(u.path) == 0 {
		return ""
	}
	return "/" + strings.Join(u.path, "/")
}

func (u *urlRecord) hostWithPort() string {
	if u.port != "" {
		return u.host + ":" + u.port
	}
	return u.host
}

func (u *urlRecord) href() string {
	var sb strings.Builder
	sb.WriteString(u.scheme)
	sb.WriteByte(':')
	if u.hasHost {
		sb.WriteString("//")
		if u.username != "" || u.password != "" {
			sb.WriteString(u.username)
			if u.password != "" {
				sb.WriteByte(':')
				sb.WriteString(u.password)
			}
			sb.WriteByte('@')
		}
		sb.WriteString(u.hostWithPort())
	} else if !u.opaque && len(u.path) > 1 && u.path[0] == "" {
		sb.WriteString("/.")
	}
	sb.WriteString(u.pathname())
	if u.hasQuery {
		sb.WriteByte('?')
		sb.WriteString(u.query)
	}
	if u.hasFrag {
		sb.WriteByte('#')
		sb.WriteString(u.fragment)
	}
	return sb.String()
}

func (u *urlRecord) origin() string {
	switch u.scheme {
	case "http", "https", "ws", "wss", "ftp":
		return u.scheme + "://" + u.hostWithPort()
	case "blob":
		if inner, ok := parseURL(u.pathname(), nil); ok && (inner.scheme == "http" || inner.scheme == "https") {
			return inner.origin()
		}
	}
	return "null"
}

func (u *urlRecord) get(field string) string {
	switch field {
	case "href":
		return u.href()
	case "origin":
		return u.origin()
	case "protocol":
		return u.scheme + ":"
	case "username":
		return u.username
	case "password":
		return u.password
	case "host":
		return u.hostWithPort()
	case "hostname":
		return u.host
	case "port":
		return u.port
	case "pathname":
		return u.pathname()
	case "search":
		if !u.hasQuery || u.query == "" {
			return ""
		}
		return "?" + u.query
	case "hash":
		if !u.hasFrag || u.fragment == "" {
			return ""
		}
		return "#" + u.fragment
	}
	return ""
}

// set applies a URL setter; it reports false only for href with an invalid URL (which
// throws), other invalid values are ignored as the standard says.
func (u *urlRecord) set(field, v string) bool {
	cantHaveCredentials := !u.hasHost || u.host == "" || u.scheme == "file"
	switch field {
	case "href":
		n, ok := parseURL(v, nil)
		if !ok {
			return false
		}
		*u = *n
	case "protocol":
		scheme := strings.ToLower(strings.SplitN(v, ":", 2)[0])
		if isSchemeStart(scheme+":") != len(scheme) || isSpecial(scheme) != isSpecial(u.scheme) {
			return true
		}
		if scheme == "file" && (u.username != "" || u.password != "" || u.port != "") {
			return true
		}
		u.scheme = scheme
		if def, ok := specialPorts[scheme]; ok && def == u.port {
			u.port = ""
		}
	case "username":
		if !cantHaveCredentials {
			u.username = percentEncode(v, inUserinfo)
		}
	case "password":
		if !cantHaveCredentials {
			u.password = percentEncode(v, inUserinfo)
		}
	case "host", "hostname":
		if u.opaque {
			return true
		}
		hostPart, port := v, ""
		if end := strings.IndexAny(hostPart, "/?#\\"); end >= 0 {
			hostPart = hostPart[:end]
		}
		if i := strings.LastIndexByte(hostPart, ':'); i >= 0 && !strings.Contains(hostPart[i:], "]") {
			hostPart, port = hostPart[:i], hostPart[i+1:]
		}
		if hostPart == "" && isSpecial(u.scheme) {
			return true
		}
		h, ok := parseHost(hostPart, isSpecial(u.scheme))
		if !ok {
			return true
		}
		u.host, u.hasHost = h, true
		if field == "host" && port != "" {
			old := u.port
			if !u.setPort(leadingDigits(port)) {
				u.port = old
			}
		}
	case "port":
		if cantHaveCredentials {
			return true
		}
		old := u.port
		if v == "" {
			u.port = ""
		} else if d := leadingDigits(v); d == "" || !u.setPort(d) {
			u.port = old
		}
	case "pathname":
		if u.opaque {
			return true
		}
		if !strings.HasPrefix(v, "/") && (isSpecial(u.scheme) || u.hasHost) {
			v = "/" + v
		}
		u.setPath(v)
	case "search":
		if v == "" {
			u.query, u.hasQuery = "", false
			return true
		}
		u.setQuery(strings.TrimPrefix(v, "?"), true)
	case "hash":
		if v == "" {
			u.fragment, u.hasFrag = "", false
			return true
		}
		u.setFragment(strings.TrimPrefix(v, "#"), true)
	}
	return true
}

func leadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// formEncode serialises a name or value as application/x-www-form-urlencoded.
func formEncode(s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			sb.WriteByte('+')
		case isAlpha(c), c >= '0' && c <= '9', c == '*', c == '-', c == '.', c == '_':
			sb.WriteByte(c)
		default:
			sb.WriteByte('%')
			sb.WriteString(strings.ToUpper(hexByte(c)))
		}
	}
	return sb.String()
}

// formDecode parses application/x-www-form-urlencoded into name/value pairs.
func formDecode(s string) [][2]string {
	var out [][2]string
	for _, part := range strings.Split(s, "&") {
		if part == "" {
			continue
		}
		name, value, _ := strings.Cut(part, "=")
		out = append(out, [2]string{
			decodeUTF8Replacing(percentDecode(strings.ReplaceAll(name, "+", " "))),
			decodeUTF8Replacing(percentDecode(strings.ReplaceAll(value, "+", " "))),
		})
	}
	return out
}
