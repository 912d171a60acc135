//go:build tools

// Package main's deps.go pins the modules hookterm is built from before all of them are
// imported by real code, so parallel work never races on go.mod. Remove entries once used.
package main

import (
	_ "charm.land/bubbles/v2/help"
	_ "charm.land/bubbles/v2/key"
	_ "charm.land/bubbles/v2/spinner"
	_ "charm.land/bubbles/v2/textinput"
	_ "charm.land/bubbles/v2/viewport"
	_ "charm.land/bubbletea/v2"
	_ "charm.land/lipgloss/v2"
	_ "github.com/alecthomas/chroma/v2"
	_ "github.com/alecthomas/chroma/v2/lexers"
	_ "github.com/alecthomas/chroma/v2/styles"
	_ "github.com/atotto/clipboard"
	_ "github.com/auth0/go-auth0/management"
	_ "github.com/charmbracelet/x/exp/teatest/v2"
	_ "github.com/dop251/goja"
	_ "github.com/dop251/goja/parser"
	_ "github.com/dop251/goja_nodejs/buffer"
	_ "github.com/dop251/goja_nodejs/console"
	_ "github.com/dop251/goja_nodejs/eventloop"
	_ "github.com/dop251/goja_nodejs/require"
	_ "github.com/dop251/goja_nodejs/url"
	_ "github.com/dop251/goja_nodejs/util"
	_ "github.com/golang-jwt/jwt/v5"
	_ "github.com/oklog/ulid/v2"
	_ "github.com/pelletier/go-toml/v2"
	_ "github.com/spf13/cobra"
	_ "github.com/zalando/go-keyring"
	_ "modernc.org/sqlite"
)
