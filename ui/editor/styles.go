package editor

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/alecthomas/chroma/v2"

	syntax "github.com/hookterm/hookterm/ui/highlight"
)

// Styles are the editor's colours. Only colours and text attributes are used (no padding,
// borders or widths): every style is turned once into the escape sequences it opens and
// closes with, so drawing a frame never goes through lipgloss' layout code.
type Styles struct {
	Text              lipgloss.Style // code without a syntax class
	LineNumber        lipgloss.Style
	CurrentLineNumber lipgloss.Style
	DiagnosticMark    lipgloss.Style // the gutter mark of the line with a syntax error
	DiagnosticText    lipgloss.Style // the error message shown after that line's code
	DiagnosticAt      lipgloss.Style // the character the error points at
	Selection         lipgloss.Style
	Match             lipgloss.Style // search matches
	Prompt            lipgloss.Style // the search / go-to-line prompt row
	Notice            lipgloss.Style // "not found", "no line 900" …
	Bracket           lipgloss.Style // the bracket at the cursor and its partner

	Keyword     lipgloss.Style
	Constant    lipgloss.Style // true, false, null, undefined
	Builtin     lipgloss.Style // require, console, module …
	Function    lipgloss.Style // names being declared or called
	String      lipgloss.Style // strings, template literals and regular expressions
	Number      lipgloss.Style
	Comment     lipgloss.Style
	Operator    lipgloss.Style
	Punctuation lipgloss.Style
}

// DefaultStyles uses the 16 ANSI palette colours so the terminal's theme decides the actual
// shades: readable on dark and light backgrounds alike.
func DefaultStyles() Styles {
	c := func(n uint8) lipgloss.ANSIColor { return lipgloss.ANSIColor(n) }
	return Styles{
		Text:              lipgloss.NewStyle(),
		LineNumber:        lipgloss.NewStyle().Foreground(c(8)),
		CurrentLineNumber: lipgloss.NewStyle().Bold(true),
		DiagnosticMark:    lipgloss.NewStyle().Foreground(c(1)).Bold(true),
		DiagnosticText:    lipgloss.NewStyle().Foreground(c(1)).Italic(true),
		DiagnosticAt:      lipgloss.NewStyle().Foreground(c(1)).Underline(true),
		Selection:         lipgloss.NewStyle().Reverse(true),
		Match:             lipgloss.NewStyle().Foreground(c(0)).Background(c(3)),
		Prompt:            lipgloss.NewStyle().Bold(true),
		Notice:            lipgloss.NewStyle().Foreground(c(3)),
		Bracket:           lipgloss.NewStyle().Bold(true).Underline(true),
		Keyword:           lipgloss.NewStyle().Foreground(c(5)),
		Constant:          lipgloss.NewStyle().Foreground(c(6)),
		Builtin:           lipgloss.NewStyle().Foreground(c(4)),
		Function:          lipgloss.NewStyle().Foreground(c(4)),
		String:            lipgloss.NewStyle().Foreground(c(2)),
		Number:            lipgloss.NewStyle().Foreground(c(6)),
		Comment:           lipgloss.NewStyle().Foreground(c(8)).Italic(true),
		Operator:          lipgloss.NewStyle(),
		Punctuation:       lipgloss.NewStyle(),
	}
}

// PlainStyles has no colours at all, for NO_COLOR and --no-color: selection, matches and
// errors stay visible through reverse video, underline and bold.
func PlainStyles() Styles {
	n := lipgloss.NewStyle
	return Styles{
		Text: n(), LineNumber: n(), CurrentLineNumber: n().Bold(true),
		DiagnosticMark: n().Bold(true), DiagnosticText: n().Italic(true), DiagnosticAt: n().Underline(true),
		Selection: n().Reverse(true), Match: n().Underline(true), Prompt: n().Bold(true), Notice: n(),
		Bracket: n().Bold(true),
		Keyword: n(), Constant: n(), Builtin: n(), Function: n(), String: n(), Number: n(),
		Comment: n(), Operator: n(), Punctuation: n(),
	}
}

// styleID indexes the compiled styles; spans carry these instead of lipgloss styles.
type styleID uint8

const (
	stText styleID = iota
	stKeyword
	stConstant
	stBuiltin
	stFunction
	stString
	stNumber
	stComment
	stOperator
	stPunctuation
	stSelection
	stMatch
	stDiagAt
	stLineNumber
	stCurrentLineNumber
	stDiagMark
	stDiagText
	stPrompt
	stNotice
	stBracket
	stCount
)

// sgr is a style as the escape sequences around styled text.
type sgr struct{ open, close string }

func (s sgr) wrap(sb *strings.Builder, text string) {
	sb.WriteString(s.open)
	sb.WriteString(text)
	sb.WriteString(s.close)
}

// compiled holds every style of a Styles as escape sequences.
type compiled [stCount]sgr

func compileStyles(s Styles) compiled {
	var c compiled
	for id, st := range map[styleID]lipgloss.Style{
		stText: s.Text, stKeyword: s.Keyword, stConstant: s.Constant, stBuiltin: s.Builtin,
		stFunction: s.Function, stString: s.String, stNumber: s.Number, stComment: s.Comment,
		stOperator: s.Operator, stPunctuation: s.Punctuation, stSelection: s.Selection,
		stMatch: s.Match, stDiagAt: s.DiagnosticAt, stLineNumber: s.LineNumber,
		stCurrentLineNumber: s.CurrentLineNumber, stDiagMark: s.DiagnosticMark,
		stDiagText: s.DiagnosticText, stPrompt: s.Prompt, stNotice: s.Notice, stBracket: s.Bracket,
	} {
		c[id] = toSGR(st)
	}
	return c
}

// toSGR renders a marker through the style and keeps what comes before and after it. The
// marker is a character no escape sequence contains.
func toSGR(st lipgloss.Style) sgr {
	const marker = "\u2063" // invisible separator
	out := st.Render(marker)
	i := strings.Index(out, marker)
	if i < 0 {
		return sgr{}
	}
	return sgr{open: out[:i], close: out[i+len(marker):]}
}

// tokenStyle maps a chroma token type to the editor's syntax classes, through the
// categories ui/highlight defines for every pane.
func tokenStyle(t chroma.TokenType) styleID {
	switch syntax.Categorize(t) {
	case syntax.Literal:
		return stConstant
	case syntax.Keyword:
		return stKeyword
	case syntax.Builtin:
		return stBuiltin
	case syntax.Function:
		return stFunction
	case syntax.String:
		return stString
	case syntax.Number:
		return stNumber
	case syntax.Comment:
		return stComment
	case syntax.Operator:
		return stOperator
	case syntax.Punctuation:
		return stPunctuation
	}
	return stText
}
