// Package trigger describes Auth0's five Hook extensibility points: their ids, argument order,
// the Runner's sample payloads and the starter scripts. Every other package takes these facts
// from here (see shared/spec/auth0-hooks-contract.md §1).
package trigger

import (
	"encoding/json"
	"fmt"
	"strings"
)

// ID is an extensibility point id as the Management API spells it (`triggerId`).
type ID string

// The five extensibility points, in the order the spec and the TUI list them.
const (
	CredentialsExchange  ID = "credentials-exchange"
	PreUserRegistration  ID = "pre-user-registration"
	PostUserRegistration ID = "post-user-registration"
	PostChangePassword   ID = "post-change-password"
	SendPhoneMessage     ID = "send-phone-message"
)

// Point is everything hookterm knows about one extensibility point.
type Point struct {
	ID ID
	// Title is the human name used in lists and headings.
	Title string
	// Args are the script's parameters before the callback, in call order; each is also the
	// name of a property of the payload object.
	Args []string
	// Blocking points hold up the Auth0 transaction until the hook answers.
	Blocking bool
	// ErrorClasses are the constructors the webtask compiler puts in scope for this point.
	ErrorClasses []string
	// Sample is the Runner's default payload, indented JSON.
	Sample string
	// Starter is the script a new hook of this point starts with.
	Starter string
}

var points = []Point{
	{
		ID: CredentialsExchange, Title: "Client Credentials Exchange",
		Args: []string{"client", "scope", "audience", "context"}, Blocking: true,
		ErrorClasses: []string{"InvalidRequestError", "InvalidScopeError", "ServerError"},
		Sample: `{
  "audience": "https://my-tenant.auth0.com/api/v2/",
  "client": {
    "id": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "name": "client-name",
    "tenant": "my-tenant",
    "metadata": {
      "plan": "full"
    }
  },
  "scope": [
    "read:connections"
  ]
}
`,
		Starter: `/**
@param {object} client - information about the client
@param {string} client.name - name of client
@param {string} client.id - client id
@param {string} client.tenant - Auth0 tenant name
@param {object} client.metadata - client metadata
@param {array|undefined} scope - array of strings representing the scope claim or undefined
@param {string} audience - token's audience claim
@param {object} context - additional authorization context
@param {object} context.webtask - webtask context
@param {function} cb - function (error, accessTokenClaims)
*/
module.exports = function(client, scope, audience, context, cb) {
  var access_token = {};
  access_token.scope = scope; // do not remove this line

  // Modify scopes or add extra claims
  // access_token['https://example.com/claim'] = 'bar';
  // access_token.scope.push('extra');

  // Deny the token and respond with an OAuth2 error response
  // if (denyExchange) {
  //   // To return an HTTP 400 with { "error": "invalid_scope", "error_description": "Not authorized for this scope." }
  //   return cb(new InvalidScopeError('Not authorized for this scope.'));
  //
  //   // To return an HTTP 400 with { "error": "invalid_request", "error_description": "Not a valid request." }
  //   return cb(new InvalidRequestError('Not a valid request.'));
  //
  //   // To return an HTTP 500 with { "error": "server_error", "error_description": "A server error occurred." }
  //   return cb(new ServerError('A server error occurred.'));
  // }

  cb(null, access_token);
};
`,
	},
	{
		ID: PreUserRegistration, Title: "Pre User Registration",
		Args: []string{"user", "context"}, Blocking: true,
		ErrorClasses: []string{"PreUserRegistrationError"},
		Sample: `{
  "user": {
    "tenant": "my-tenant",
    "username": "user1",
    "password": "xxxxxxx",
    "email": "user1@foo.com",
    "emailVerified": false,
    "phoneNumber": "1-000-000-0000",
    "phoneNumberVerified": false,
    "user_metadata": {
      "hobby": "surfing"
    },
    "app_metadata": {
      "plan": "full"
    }
  },
  "context": {
    "requestLanguage": "en-us",
    "connection": {
      "id": "con_xxxxxxxxxxxxxxxx",
      "name": "Username-Password-Authentication",
      "tenant": "my-tenant"
    }
  }
}
`,
		Starter: `/**
@param {object} user - The user being created
@param {string} user.tenant - Auth0 tenant name
@param {string} user.username - user name
@param {string} user.password - user's password
@param {string} user.email - email
@param {boolean} user.emailVerified - is e-mail verified?
@param {string} user.phoneNumber - phone number
@param {boolean} user.phoneNumberVerified - is phone number verified?
@param {object} context - Auth0 connection and other context info
@param {string} context.requestLanguage - language of the client agent
@param {object} context.connection - information about the Auth0 connection
@param {object} context.connection.id - connection id
@param {object} context.connection.name - connection name
@param {object} context.connection.tenant - connection tenant
@param {object} context.webtask - webtask context
@param {function} cb - function (error, response)
*/
module.exports = function (user, context, cb) {
  var response = {};

  // Add user or app metadata to the newly created user
  // response.user = {
  //   user_metadata: { foo: 'bar' },
  //   app_metadata: { vip: true, score: 7 }
  // };

  // Deny the user's registration and send a localized message to New Universal Login
  // if (denyRegistration) {
  //    const LOCALIZED_MESSAGES = {
  //      en: 'You are not allowed to register.',
  //      es: 'No tienes permitido registrarte.'
  //    };
  //
  //    const localizedMessage = LOCALIZED_MESSAGES[context.renderLanguage] || LOCALIZED_MESSAGES['en'];
  //    return cb(new PreUserRegistrationError('Denied user registration in Pre User Registration Hook', localizedMessage));
  // }

  response.user = user;

  cb(null, response);
};
`,
	},
	{
		ID: PostUserRegistration, Title: "Post User Registration",
		Args: []string{"user", "context"}, Blocking: false,
		ErrorClasses: []string{"PreUserRegistrationError"},
		Sample: `{
  "user": {
    "tenant": "my-tenant",
    "username": "user1",
    "email": "user1@foo.com",
    "emailVerified": true,
    "phoneNumber": "1-000-000-0000",
    "phoneNumberVerified": true,
    "user_metadata": {
      "hobby": "surfing"
    },
    "app_metadata": {
      "plan": "full"
    }
  },
  "context": {
    "requestLanguage": "en-us",
    "connection": {
      "id": "con_xxxxxxxxxxxxxxxx",
      "name": "Username-Password-Authentication",
      "tenant": "my-tenant"
    }
  }
}
`,
		Starter: `/**
@param {object} user - The user being created
@param {string} user.id - user id
@param {string} user.tenant - Auth0 tenant name
@param {string} user.username - user name
@param {string} user.email - email
@param {boolean} user.emailVerified - is e-mail verified?
@param {string} user.phoneNumber - phone number
@param {boolean} user.phoneNumberVerified - is phone number verified?
@param {object} user.user_metadata - user metadata
@param {object} user.app_metadata - application metadata
@param {object} context - Auth0 connection and other context info
@param {string} context.requestLanguage - language of the client agent
@param {object} context.connection - information about the Auth0 connection
@param {object} context.connection.id - connection id
@param {object} context.connection.name - connection name
@param {object} context.connection.tenant - connection tenant
@param {object} context.webtask - webtask context
@param {function} cb - function (error, response)
*/
module.exports = function (user, context, cb) {
  // Perform any asynchronous actions, e.g. send notification to Slack.
  cb();
};
`,
	},
	{
		ID: PostChangePassword, Title: "Post Change Password",
		Args: []string{"user", "context"}, Blocking: false,
		ErrorClasses: []string{"PreUserRegistrationError"},
		Sample: `{
  "user": {
    "id": "abc123",
    "username": "user1",
    "email": "user1@foo.com",
    "last_password_reset": "2019-02-27T14:14:29.206Z"
  },
  "context": {
    "connection": {
      "id": "con_xxxxxxxxxxxxxxxx",
      "name": "Username-Password-Authentication",
      "tenant": "my-tenant"
    }
  }
}
`,
		Starter: `/**
@param {object} user - The user whose password was changed
@param {string} user.id - user id
@param {string} user.username - user name
@param {string} user.email - email
@param {string} user.last_password_reset - exact date/time the user's password was changed
@param {object} context - Auth0 connection and other context info
@param {object} context.connection - information about the Auth0 connection
@param {object} context.connection.id - connection id
@param {object} context.connection.name - connection name
@param {object} context.connection.tenant - connection tenant
@param {object} context.webtask - webtask context
@param {function} cb - function (error)
*/
module.exports = function (user, context, cb) {
  // Perform any asynchronous actions, e.g. send notification to Slack.
  cb();
};
`,
	},
	{
		ID: SendPhoneMessage, Title: "Send Phone Message",
		Args: []string{"recipient", "text", "context"}, Blocking: true,
		ErrorClasses: []string{"SendPhoneMessageError"},
		Sample: `{
  "recipient": "1-808-555-5555",
  "text": "Here is your one time password: 999111",
  "context": {
    "message_type": "sms",
    "action": "enrollment",
    "language": "en",
    "code": "123456",
    "ip": "127.0.0.1",
    "user_agent": "Mozilla/5.0",
    "client": {
      "client_id": "1235",
      "name": "Test Application",
      "client_metadata": {}
    },
    "user": {
      "user_id": "auth0|test12345",
      "name": "Billie Magnusson",
      "email": "billie@email.com",
      "app_metadata": {},
      "user_metadata": {}
    }
  }
}
`,
		Starter: `/**
@param {string} recipient - phone number
@param {string} text - message body
@param {object} context - additional authorization context
@param {string} context.message_type - 'sms' or 'voice'
@param {string} context.action - 'enrollment' or 'second-factor-authentication'
@param {string} context.language - language used by login flow
@param {string} context.code - one time password
@param {string} context.ip - ip address
@param {string} context.user_agent - user agent making the authentication request
@param {object} context.client - object with details about the Auth0 application
@param {string} context.client.client_id - Auth0 application ID
@param {string} context.client.name - Auth0 application name
@param {object} context.client.client_metadata - metadata from client
@param {object} context.user - object representing the user
@param {string} context.user.user_id - Auth0 user's ID
@param {string} context.user.name - user's name
@param {string} context.user.email - user's email
@param {object} context.user.app_metadata - metadata specific to user and application
@param {object} context.user.user_metadata - metadata for user preferences
@param {object} context.webtask - webtask context
@param {function} cb - function (error, response)
*/
module.exports = function(recipient, text, context, cb) {
  // TODO: Add your code here
  cb();
};
`,
	},
}

// All returns the five points in display order.
func All() []Point {
	out := make([]Point, len(points))
	copy(out, points)
	return out
}

// IDs returns the five point ids in display order.
func IDs() []ID {
	ids := make([]ID, len(points))
	for i, p := range points {
		ids[i] = p.ID
	}
	return ids
}

// Lookup returns the point with id, or false when id is not one of the five.
func Lookup(id string) (Point, bool) {
	for _, p := range points {
		if string(p.ID) == id {
			return p, true
		}
	}
	return Point{}, false
}

// Parse returns the point for id or an error listing the valid ids.
func Parse(id string) (Point, error) {
	if p, ok := Lookup(id); ok {
		return p, nil
	}
	return Point{}, fmt.Errorf("unknown extensibility point %q: expected one of %s", id, strings.Join(idStrings(), ", "))
}

// SamplePayload returns the point's sample payload decoded as a JSON object.
func (p Point) SamplePayload() map[string]any {
	var m map[string]any
	if err := json.Unmarshal([]byte(p.Sample), &m); err != nil {
		panic(fmt.Sprintf("trigger %s: sample payload is not valid JSON: %v", p.ID, err))
	}
	return m
}

func idStrings() []string {
	s := make([]string, len(points))
	for i, p := range points {
		s[i] = string(p.ID)
	}
	return s
}
