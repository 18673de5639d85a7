/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-sim"

#include "config.h"

#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mr-json-reader.h"
#include "mr-sim-catalog.h"
#include "mr-sim-json.h"
#include "mr-sim-order.h"
#include "mr-sim-pricing.h"
#include "mr-sim-request.h"
#include "mr-sim-server.h"
#include "mr-sim-state.h"

/* How a request is answered, first match wins:
 *
 *   0. an injected fault for the path, or for placements or quotes only
 *      (500, malformed body, dropped connection) replaces the whole
 *      answer; "drop after" lets the request be handled as usual, then
 *      drops the connection instead of sending the reply;
 *   1. /checkout/<cart id> pages (no key needed, outside the API);
 *   2. 404 "Resource not found": unknown path or wrong method;
 *   3. 401: no Authorization header, not "Bearer", or an unknown key;
 *   4. 403: the key lacks every scope the endpoint accepts;
 *   5. 402: the workspace has no active paid plan;
 *   6. 429: the global per-minute limit, then the domains/check limit
 *      (only requests that pass count against a limit);
 *   7. 400: malformed JSON, then the request schema (AJV wording), then
 *      the query string;
 *   8. the endpoint (200, or 400 restricted_domain for domains/similar).
 *
 * Lists are newest first, 10 items unless limit says otherwise; the
 * cursor is opaque (an order's internal id; "<account id>:<timestamp>"
 * for accounts). Cancelling skips unknown and other workspaces' emails
 * silently and returns already-cancelled accounts unchanged. */

#define API_PREFIX           "/api/v2/dfy-email-account-orders"
#define DEFAULT_WORKSPACE_ID "6f1d3a52-2c4b-4e8a-9b7d-0d5e4c3b2a19"
#define DEFAULT_LIMIT        10
#define MAX_SIMILAR_PER_TLD  67
#define LISTEN_BACKLOG       1024  /* the kernel caps it at net.core.somaxconn */
#define MAX_BODY_SIZE        (1024 * 1024)  /* Fastify's default bodyLimit */
#define MAX_BODY_DEPTH       64

typedef enum
{
  SCOPES_CREATE,
  SCOPES_READ,
  SCOPES_DELETE,
} ScopeSet;

typedef struct _Request Request;
typedef struct _Spares Spares;
typedef void (*RouteHandler) (MrSimServer *self,
                              Request     *request);

typedef struct
{
  const char   *method;
  const char   *path;
  ScopeSet      scopes;
  gboolean      has_body;
  RouteHandler  handler;
} Route;

struct _Request
{
  SoupServerMessage *msg;
  GHashTable        *query;
  const char        *workspace_id;
  const MrJsonValue *body;         /* NULL: none */
};

typedef struct
{
  char  *workspace_id;
  GStrv  scopes;
  guint  allows;       /* bit n: the scopes allow ScopeSet n */
} Key;

typedef struct
{
  MrSimFaultTarget  target;
  char             *path;          /* MR_SIM_FAULT_TARGET_PATH only; NULL: any */
  MrSimFault        fault;
  guint             count;
} Fault;

typedef struct
{
  gint64 start;
  guint  count;
} Window;

/* A placement waiting for its checkout: the request's bytes, read
 * again when it is paid */
typedef struct
{
  char   *workspace_id;
  GBytes *request;
} Cart;

typedef struct
{
  MrSimServer       *self;
  SoupServerMessage *msg;
  GSource           *source;         /* on the context the server listens in */
} Delayed;

struct _MrSimServer
{
  GObject        parent_instance;

  SoupServer    *server;
  char          *url;

  GHashTable    *keys;             /* key -> Key* */
  const char    *last_key_text;    /* the last key found, a key of keys; NULL: none */
  Key           *last_key;         /* its Key */
  gboolean       has_plan;
  MrSimPayment   payment;
  gboolean       checkout_required;
  MrSimPricing  *pricing;
  guint          latency_ms;
  GPtrArray     *faults;           /* Fault* */
  guint          check_per_minute;
  guint          global_per_minute;
  GHashTable    *windows;          /* "workspace\nkind" -> Window* */
  MrSimState    *state;
  GHashTable    *carts;            /* id -> Cart* */
  GPtrArray     *delayed;          /* Delayed* */
  gboolean       dropping;         /* handling a DROP_AFTER request: no latency */

  guint          n_orders_placed;
  guint          n_requests;
  guint          n_place_requests;
  GHashTable    *requests;         /* path -> guint* count */
  Spares        *spares;           /* reply texts to reuse */
  const char    *last_path;        /* the last path counted, a key of requests */
  guint         *last_count;       /* its count */
};

G_DEFINE_FINAL_TYPE (MrSimServer, mr_sim_server, G_TYPE_OBJECT)

static void handle_place_order (MrSimServer *self, Request *request);
static void handle_list_orders (MrSimServer *self, Request *request);
static void handle_similar     (MrSimServer *self, Request *request);
static void handle_check       (MrSimServer *self, Request *request);
static void handle_prewarmed   (MrSimServer *self, Request *request);
static void handle_accounts    (MrSimServer *self, Request *request);
static void handle_cancel      (MrSimServer *self, Request *request);

static const Route routes[] = {
  { "POST", API_PREFIX, SCOPES_CREATE, TRUE, handle_place_order },
  { "GET", API_PREFIX, SCOPES_READ, FALSE, handle_list_orders },
  { "POST", API_PREFIX "/domains/similar", SCOPES_CREATE, TRUE, handle_similar },
  { "POST", API_PREFIX "/domains/check", SCOPES_CREATE, TRUE, handle_check },
  { "POST", API_PREFIX "/domains/pre-warmed-up-list", SCOPES_READ, TRUE, handle_prewarmed },
  { "GET", API_PREFIX "/accounts", SCOPES_READ, FALSE, handle_accounts },
  { "POST", API_PREFIX "/accounts/cancel", SCOPES_DELETE, TRUE, handle_cancel },
};

static const char * const payment_reasons[] = {
  [MR_SIM_PAYMENT_OK] = NULL,
  [MR_SIM_PAYMENT_METHOD_NOT_SUPPORTED] = "payment_method_not_supported",
  [MR_SIM_PAYMENT_AUTHENTICATION_REQUIRED] = "authentication_required",
  [MR_SIM_PAYMENT_CARD_EXPIRED] = "card_expired",
  [MR_SIM_PAYMENT_GENERIC_DECLINE] = "generic_decline",
};

static void
key_free (gpointer data)
{
  Key *key = data;

  g_free (key->workspace_id);
  g_strfreev (key->scopes);
  g_free (key);
}

static void
fault_free (gpointer data)
{
  Fault *fault = data;

  g_free (fault->path);
  g_free (fault);
}

static void
cart_free (gpointer data)
{
  Cart *cart = data;

  g_free (cart->workspace_id);
  g_bytes_unref (cart->request);
  g_free (cart);
}

static void
delayed_free (gpointer data)
{
  Delayed *delayed = data;

  if (delayed->source != NULL)
    g_source_destroy (delayed->source);
  g_clear_pointer (&delayed->source, g_source_unref);
  g_object_unref (delayed->msg);
  g_free (delayed);
}

/* Replies */

static const char *
reason_phrase (guint status)
{
  switch (status)
    {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    default: return soup_status_get_phrase (status);
    }
}

static gboolean
delayed_cb (gpointer data)
{
  Delayed *delayed = data;

  g_clear_pointer (&delayed->source, g_source_unref);
  soup_server_message_unpause (delayed->msg);
  g_ptr_array_remove (delayed->self->delayed, delayed);

  return G_SOURCE_REMOVE;
}

/* Every reply ends here, so that the latency applies to all of them. */
static void
finish (MrSimServer       *self,
        SoupServerMessage *msg)
{
  Delayed *delayed;

  if (self->latency_ms == 0 || self->dropping)
    return;

  delayed = g_new0 (Delayed, 1);
  delayed->self = self;
  delayed->msg = g_object_ref (msg);
  /* the thread-default context, as the server's own sources: the server
   * may run on a thread of its own (mr-sim-thread.c) */
  delayed->source = g_timeout_source_new (self->latency_ms);
  g_source_set_callback (delayed->source, delayed_cb, delayed, NULL);
  g_source_attach (delayed->source, g_main_context_get_thread_default ());
  g_ptr_array_add (self->delayed, delayed);
  soup_server_message_pause (msg);
}

/* libsoup writes a reply's headers and its body in two sends; on a
 * keep-alive connection that is two segments, and the client wakes up
 * twice, reads the headers, acknowledges them and waits for the body.
 * The reply is corked while it is written and goes out in one segment
 * when it is done (as Fastify's single write does).
 *
 * The cork comes off when libsoup lets go of the reply's bytes: the
 * response body does not accumulate, so that is right after their last
 * send (or when the message goes, if it is never sent). Cork and uncork
 * belong to one reply, so a delayed reply (--latency) holds nothing else
 * back, and nothing is connected to a signal emitted for every request.
 *
 * A reply's text is kept for a later reply then: a quote's is about
 * 1.5 KiB, a size glibc's malloc() has no per-thread cache for. */
typedef struct
{
  GString *text;
  GSocket *socket;   /* corked; NULL: not */
  Spares  *spares;   /* where the reply goes back to, a reference */
} Sent;

/* Replies ready for reuse. Only the server's context touches the list;
 * the last of the server and its replies in flight frees it. */
struct _Spares
{
  gatomicrefcount  ref;
  GPtrArray       *sents;   /* Sent* */
};

#define MAX_SPARES      16
#define MAX_SPARE_SIZE  (64 * 1024)

static void
sent_destroy (gpointer data)
{
  Sent *sent = data;

  g_string_free (sent->text, TRUE);
  g_free (sent);
}

static Spares *
spares_new (void)
{
  Spares *spares = g_new (Spares, 1);

  g_atomic_ref_count_init (&spares->ref);
  spares->sents = g_ptr_array_new_with_free_func (sent_destroy);

  return spares;
}

static void
spares_unref (Spares *spares)
{
  if (g_atomic_ref_count_dec (&spares->ref))
    {
      g_ptr_array_unref (spares->sents);
      g_free (spares);
    }
}

/* An empty reply text, with room for @size bytes */
static Sent *
take_sent (MrSimServer *self,
           gsize        size)
{
  Spares *spares = self->spares;
  Sent *sent;

  if (spares->sents->len > 0)
    {
      sent = g_ptr_array_steal_index_fast (spares->sents, spares->sents->len - 1);
    }
  else
    {
      sent = g_new (Sent, 1);
      sent->text = g_string_sized_new (MAX (size, 2048));
    }
  sent->socket = NULL;
  g_atomic_ref_count_inc (&spares->ref);
  sent->spares = spares;

  return sent;
}

static void
set_corked (GSocket  *socket,
            gboolean  corked)
{
#ifdef TCP_CORK
  int value = corked;

  setsockopt (g_socket_get_fd (socket), IPPROTO_TCP, TCP_CORK, &value, sizeof value);
#endif
}

/* libsoup let go of the reply */
static void
sent_done (gpointer data)
{
  Sent *sent = data;
  Spares *spares = g_steal_pointer (&sent->spares);

  if (sent->socket != NULL)
    {
      if (!g_socket_is_closed (sent->socket))
        set_corked (sent->socket, FALSE);
      g_clear_object (&sent->socket);
    }

  if (spares->sents->len < MAX_SPARES && sent->text->allocated_len <= MAX_SPARE_SIZE)
    {
      g_string_truncate (sent->text, 0);
      g_ptr_array_add (spares->sents, sent);
    }
  else
    {
      sent_destroy (sent);
    }
  spares_unref (spares);
}

/* The response, corked as above; takes @sent */
static void
set_response (SoupServerMessage *msg,
              const char        *content_type,
              Sent              *sent)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  GBytes *bytes;

  if (sent->text->len == 0)
    {
      soup_server_message_set_response (msg, content_type, SOUP_MEMORY_STATIC, "", 0);
      sent_done (sent);
      return;
    }

#ifdef TCP_CORK
  sent->socket = soup_server_message_get_socket (msg);
  if (sent->socket != NULL)
    {
      g_object_ref (sent->socket);
      set_corked (sent->socket, TRUE);
    }
#endif

  /* the type, then the bytes, which let go of the cork when freed */
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_STATIC, NULL, 0);
  soup_message_body_set_accumulate (body, FALSE);
  bytes = g_bytes_new_with_free_func (sent->text->str, sent->text->len, sent_done, sent);
  soup_message_body_append_bytes (body, bytes);
  g_bytes_unref (bytes);
}

/* @text as the response; takes @text */
static void
set_response_text (MrSimServer       *self,
                   SoupServerMessage *msg,
                   const char        *content_type,
                   char              *text,
                   gsize              len)
{
  Sent *sent = take_sent (self, len);

  g_string_append_len (sent->text, text, len);
  g_free (text);
  set_response (msg, content_type, sent);
}

/* takes @sent */
static void
reply_sent (MrSimServer       *self,
            SoupServerMessage *msg,
            guint              status,
            Sent              *sent)
{
  soup_server_message_set_status (msg, status, reason_phrase (status));
  set_response (msg, "application/json", sent);
  finish (self, msg);
}

/* takes @text */
static void
reply_text (MrSimServer       *self,
            SoupServerMessage *msg,
            guint              status,
            char              *text,
            gsize              len)
{
  soup_server_message_set_status (msg, status, reason_phrase (status));
  set_response_text (self, msg, "application/json", text, len);
  finish (self, msg);
}

static void
reply_node (MrSimServer       *self,
            SoupServerMessage *msg,
            guint              status,
            JsonNode          *node)
{
  gsize len;
  char *text = mr_sim_json_to_string (node, &len);

  reply_text (self, msg, status, text, len);
}

/* @builder holds a complete document */
static void
reply_builder (MrSimServer       *self,
               SoupServerMessage *msg,
               guint              status,
               JsonBuilder       *builder)
{
  g_autoptr(JsonNode) node = json_builder_get_root (builder);

  reply_node (self, msg, status, node);
}

static JsonBuilder *
error_builder (guint       status,
               const char *message)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "statusCode");
  json_builder_add_int_value (builder, status);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, reason_phrase (status));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);

  return builder;
}

static void
reply_error (MrSimServer       *self,
             SoupServerMessage *msg,
             guint              status,
             const char        *message)
{
  g_autoptr(JsonBuilder) builder = error_builder (status, message);

  json_builder_end_object (builder);
  reply_builder (self, msg, status, builder);
}

static void
reply_html (MrSimServer       *self,
            SoupServerMessage *msg,
            guint              status,
            const char        *title,
            const char        *body_html)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  char *page = g_strdup_printf ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                                "<title>%s</title><style>body{font-family:sans-serif;"
                                "max-width:40em;margin:3em auto}</style></head>"
                                "<body><h1>%s</h1>%s</body></html>\n",
                                escaped, escaped, body_html);

  soup_server_message_set_status (msg, status, NULL);
  set_response_text (self, msg, "text/html; charset=utf-8", page, strlen (page));
  finish (self, msg);
}

/* Faults */

/* PLACE or QUOTE for a POST to the orders path (a trailing slash is
 * tolerated, as the routes do), PATH for anything else. A body that is
 * not an object with "simulation": true is a placement: that is how the
 * endpoint treats it. The body read on the way is kept in *out_doc, so
 * that it is read once. */
static MrSimFaultTarget
classify_request (SoupServerMessage  *msg,
                  const char         *path,
                  MrJsonDoc         **out_doc)
{
  SoupMessageBody *body;
  const MrJsonValue *root;
  const MrJsonValue *simulation;

  *out_doc = NULL;

  if (!g_str_equal (soup_server_message_get_method (msg), "POST") ||
      !(g_str_equal (path, API_PREFIX) || g_str_equal (path, API_PREFIX "/")))
    return MR_SIM_FAULT_TARGET_PATH;

  body = soup_server_message_get_request_body (msg);
  if (body->data == NULL || body->length == 0 ||
      (*out_doc = mr_json_doc_read (body->data, body->length, MAX_BODY_DEPTH, NULL)) == NULL)
    return MR_SIM_FAULT_TARGET_PLACE;

  root = mr_json_doc_get_root (*out_doc);
  simulation = root != NULL ? mr_json_value_get_member (root, "simulation") : NULL;
  if (simulation != NULL && simulation->kind == MR_JSON_BOOLEAN && simulation->boolean)
    return MR_SIM_FAULT_TARGET_QUOTE;

  return MR_SIM_FAULT_TARGET_PLACE;
}

static gboolean
take_fault (MrSimServer       *self,
            const char        *path,
            MrSimFaultTarget   kind,
            MrSimFault        *fault_out)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (self->faults, i);

      if (fault->target == MR_SIM_FAULT_TARGET_PATH)
        {
          if (fault->path != NULL && !g_str_has_suffix (path, fault->path))
            continue;
        }
      else if (fault->target != kind)
        {
          continue;
        }

      *fault_out = fault->fault;
      if (--fault->count == 0)
        g_ptr_array_remove_index (self->faults, i);

      return *fault_out != MR_SIM_FAULT_NONE;
    }

  return FALSE;
}

static void
apply_fault (MrSimServer       *self,
             SoupServerMessage *msg,
             MrSimFault         fault)
{
  static const char malformed[] = "{\"order_placed\": tru";
  g_autoptr(GIOStream) stream = NULL;

  switch (fault)
    {
    case MR_SIM_FAULT_SERVER_ERROR:
      reply_error (self, msg, 500, "Internal server error");
      break;

    case MR_SIM_FAULT_MALFORMED:
      soup_server_message_set_status (msg, 200, NULL);
      set_response_text (self, msg, "application/json", g_strdup (malformed), strlen (malformed));
      finish (self, msg);
      break;

    case MR_SIM_FAULT_DROP:
    case MR_SIM_FAULT_DROP_AFTER:
      stream = soup_server_message_steal_connection (msg);
      if (stream != NULL)
        g_io_stream_close (stream, NULL, NULL);
      break;

    case MR_SIM_FAULT_NONE:
    default:
      g_assert_not_reached ();
    }
}

/* Auth, scopes, limits */

static gboolean
scopes_allow (const char * const *key_scopes,
              ScopeSet            scopes)
{
  static const char * const dfy_actions[] = {
    "dfy_email_account_orders:create",
    "dfy_email_account_orders:read",
    "dfy_email_account_orders:delete",
  };
  static const char * const all_actions[] = { "all:create", "all:read", "all:delete" };
  const char *dfy_action = dfy_actions[scopes];
  const char *all_action = all_actions[scopes];

  return g_strv_contains (key_scopes, dfy_action) ||
         g_strv_contains (key_scopes, "dfy_email_account_orders:all") ||
         g_strv_contains (key_scopes, all_action) ||
         g_strv_contains (key_scopes, "all:all");
}

/* what a key's scopes allow, worked out once when it is added */
static gboolean
key_allows (Key      *key,
            ScopeSet  scopes)
{
  return (key->allows & (1u << scopes)) != 0;
}

static char *
required_scopes_text (ScopeSet scopes)
{
  static const char * const actions[] = { "create", "read", "delete" };

  return g_strdup_printf ("dfy_email_account_orders:%s, dfy_email_account_orders:all, all:%s, all:all",
                          actions[scopes], actions[scopes]);
}

/* Fixed one-minute windows per workspace. Returns 0 when the request may
 * go on, else the seconds until the window ends. */
static guint
rate_limit (MrSimServer *self,
            const char  *workspace_id,
            const char  *kind,
            guint        limit)
{
  g_autofree char *long_id = NULL;
  char buffer[128];
  gsize workspace_length;
  gsize kind_length;
  const char *id;
  gint64 now;
  Window *window;

  if (limit == 0)
    return 0;

  /* the window's name is made on the stack: a copy only for a new window */
  workspace_length = strlen (workspace_id);
  kind_length = strlen (kind);
  if (workspace_length + 1 + kind_length < sizeof buffer)
    {
      memcpy (buffer, workspace_id, workspace_length);
      buffer[workspace_length] = '\n';
      memcpy (buffer + workspace_length + 1, kind, kind_length + 1);
      id = buffer;
    }
  else
    {
      id = long_id = g_strconcat (workspace_id, "\n", kind, NULL);
    }
  now = g_get_monotonic_time ();

  window = g_hash_table_lookup (self->windows, id);
  if (window == NULL)
    {
      window = g_new0 (Window, 1);
      g_hash_table_insert (self->windows, g_strdup (id), window);
    }

  if (window->count == 0 || now - window->start >= 60 * G_USEC_PER_SEC)
    {
      window->start = now;
      window->count = 0;
    }

  if (window->count >= limit)
    {
      gint64 left = window->start + 60 * G_USEC_PER_SEC - now;

      return (guint) MAX (1, (left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
    }

  window->count++;

  return 0;
}

static void
reply_rate_limited (MrSimServer       *self,
                    SoupServerMessage *msg,
                    guint              retry_after)
{
  g_autofree char *value = g_strdup_printf ("%u", retry_after);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Retry-After", value);
  reply_error (self, msg, 429, "Rate limit exceeded");
}

/* Endpoints */

static void
add_timestamp_or (JsonBuilder *builder,
                  const char  *member,
                  gint64       time,
                  gboolean     null_when_unset)
{
  json_builder_set_member_name (builder, member);
  if (time == 0 && null_when_unset)
    {
      json_builder_add_null_value (builder);
    }
  else if (time == 0)
    {
      json_builder_add_string_value (builder, "");
    }
  else
    {
      g_autofree char *ts = mr_sim_json_timestamp (time);

      json_builder_add_string_value (builder, ts);
    }
}

/* timestamp_cancelled of an active account is "": the contract types it
 * as a required non-null string, and Fastify's serializer turns null into
 * "" for such fields. */
static void
build_account (JsonBuilder        *builder,
               MrSimAccountRecord *account,
               gboolean            with_password)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, account->id);
  json_builder_set_member_name (builder, "domain");
  json_builder_add_string_value (builder, account->domain);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, account->email);
  json_builder_set_member_name (builder, "email_provider");
  json_builder_add_int_value (builder, account->email_provider);
  json_builder_set_member_name (builder, "first_name");
  json_builder_add_string_value (builder, account->first_name);
  json_builder_set_member_name (builder, "last_name");
  json_builder_add_string_value (builder, account->last_name);
  json_builder_set_member_name (builder, "is_pre_warmed_up");
  json_builder_add_boolean_value (builder, account->is_pre_warmed_up);
  add_timestamp_or (builder, "timestamp_cancelled", account->cancelled, FALSE);
  add_timestamp_or (builder, "timestamp_created", account->created, FALSE);
  if (with_password)
    {
      json_builder_set_member_name (builder, "password");
      json_builder_add_string_value (builder, account->password != NULL ? account->password : "");
    }
  json_builder_end_object (builder);
}

static char *
make_checkout (MrSimServer *self,
               Request     *request,
               char       **cart_id)
{
  Cart *cart = g_new0 (Cart, 1);

  cart->workspace_id = g_strdup (request->workspace_id);
  cart->request = soup_message_body_flatten (soup_server_message_get_request_body (request->msg));

  *cart_id = g_uuid_string_random ();
  g_hash_table_insert (self->carts, g_strdup (*cart_id), cart);

  return g_strdup_printf ("%s/checkout/%s", self->url, *cart_id);
}

static void
handle_place_order (MrSimServer *self,
                    Request     *request)
{
  const MrJsonValue *simulation_value = mr_json_value_get_member (request->body, "simulation");
  gboolean simulation = simulation_value != NULL && simulation_value->boolean;
  g_autoptr(MrSimQuote) quote = NULL;
  Sent *reply;
  g_autofree char *checkout_url = NULL;
  g_autofree char *cart_id = NULL;
  const char *order_error = NULL;
  const char *payment_reason = NULL;
  gboolean placed = FALSE;

  quote = mr_sim_quote_new (request->body, self->state, self->pricing, request->workspace_id);

  /* simulation: true never changes anything. */
  if (!simulation && mr_sim_quote_is_valid (quote))
    {
      if (self->payment != MR_SIM_PAYMENT_OK)
        {
          order_error = "payment_failed";
          payment_reason = payment_reasons[self->payment];
        }
      else if (self->checkout_required)
        {
          checkout_url = make_checkout (self, request, &cart_id);
        }
      else
        {
          mr_sim_quote_commit (quote, self->state, request->workspace_id);
          self->n_orders_placed++;
          placed = TRUE;
        }
    }

  reply = take_sent (self, mr_sim_quote_json_size (quote));
  mr_sim_quote_write_json (quote, self->pricing, simulation, placed, order_error,
                           payment_reason, checkout_url, cart_id, reply->text);
  reply_sent (self, request->msg, 200, reply);
}

static void
reply_page (MrSimServer *self,
            Request     *request,
            GPtrArray   *records,
            gboolean     accounts,
            gboolean     with_passwords,
            const char  *next)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < records->len; i++)
    {
      if (accounts)
        {
          build_account (builder, g_ptr_array_index (records, i), with_passwords);
        }
      else
        {
          MrSimOrderRecord *order = g_ptr_array_index (records, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "workspace_id");
          json_builder_add_string_value (builder, order->workspace_id);
          json_builder_set_member_name (builder, "domain");
          json_builder_add_string_value (builder, order->domain);
          json_builder_set_member_name (builder, "forwarding_domain");
          if (order->forwarding_domain != NULL)
            json_builder_add_string_value (builder, order->forwarding_domain);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "forwarding_mode");
          if (order->forwarding_domain != NULL)
            json_builder_add_string_value (builder, "redirect");
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "is_pre_warmed_up");
          json_builder_add_boolean_value (builder, order->is_pre_warmed_up);
          add_timestamp_or (builder, "timestamp_cancelled", order->cancelled, TRUE);
          add_timestamp_or (builder, "timestamp_created", order->created, FALSE);
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);
  if (next != NULL)
    {
      json_builder_set_member_name (builder, "next_starting_after");
      json_builder_add_string_value (builder, next);
    }
  json_builder_end_object (builder);

  reply_builder (self, request->msg, 200, builder);
}

static void
handle_list (MrSimServer *self,
             Request     *request,
             gboolean     accounts)
{
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *next = NULL;
  gboolean with_passwords;
  guint limit;
  const char *starting_after = NULL;

  message = mr_sim_request_check_query (request->query, accounts, DEFAULT_LIMIT,
                                        &limit, &with_passwords);
  if (message != NULL)
    {
      reply_error (self, request->msg, 400, message);
      return;
    }

  if (request->query != NULL)
    starting_after = g_hash_table_lookup (request->query, "starting_after");
  if (starting_after != NULL && *starting_after == '\0')
    starting_after = NULL;

  if (accounts)
    page = mr_sim_state_list_accounts (self->state, request->workspace_id, limit,
                                       starting_after, &next, &error);
  else
    page = mr_sim_state_list_orders (self->state, request->workspace_id, limit,
                                     starting_after, &next, &error);
  if (page == NULL)
    {
      reply_error (self, request->msg, 400, error->message);
      return;
    }

  reply_page (self, request, page, accounts, with_passwords, next);
}

static void
handle_list_orders (MrSimServer *self,
                    Request     *request)
{
  handle_list (self, request, FALSE);
}

static void
handle_accounts (MrSimServer *self,
                 Request     *request)
{
  handle_list (self, request, TRUE);
}

static GHashTable *
ordered_domains (MrSimServer *self)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->state->orders->len; i++)
    {
      MrSimOrderRecord *order = g_ptr_array_index (self->state->orders, i);

      g_hash_table_add (set, order->domain);
    }

  return set;
}

static void
handle_similar (MrSimServer *self,
                Request     *request)
{
  g_autofree char *domain = mr_sim_catalog_normalize (mr_sim_request_get_string (request->body, "domain"));
  const MrJsonValue *tld_array = mr_sim_request_get_array (request->body, "tlds");
  g_autoptr(GPtrArray) tlds = g_ptr_array_new ();
  g_autoptr(GPtrArray) similar = NULL;
  g_autoptr(GHashTable) exclude = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *keyword = mr_sim_catalog_restricted_keyword (domain);

  if (keyword != NULL)
    {
      g_autoptr(JsonBuilder) error = NULL;
      g_autofree char *message =
        g_strdup_printf ("The provided domain contains a restricted keyword: \"%s\". "
                         "Please choose another domain.", keyword);

      error = error_builder (400, message);
      json_builder_set_member_name (error, "code");
      json_builder_add_string_value (error, "restricted_domain");
      json_builder_set_member_name (error, "keyword");
      json_builder_add_string_value (error, keyword);
      json_builder_end_object (error);
      reply_builder (self, request->msg, 400, error);
      return;
    }

  if (tld_array == NULL)
    {
      g_ptr_array_add (tlds, (gpointer) "com");
      g_ptr_array_add (tlds, (gpointer) "org");
    }
  for (guint i = 0; tld_array != NULL && i < tld_array->length; i++)
    {
      const char *tld = tld_array->elements[i].string;

      if (!g_ptr_array_find_with_equal_func (tlds, tld, g_str_equal, NULL))
        g_ptr_array_add (tlds, (gpointer) tld);
    }
  g_ptr_array_add (tlds, NULL);

  exclude = ordered_domains (self);
  similar = mr_sim_catalog_similar (domain, (const char * const *) tlds->pdata,
                                    MAX_SIMILAR_PER_TLD, exclude);

  json_builder_begin_object (builder);
  mr_sim_json_add_strv (builder, "domains", similar);
  json_builder_end_object (builder);
  reply_builder (self, request->msg, 200, builder);
}

static void
handle_check (MrSimServer *self,
              Request     *request)
{
  const MrJsonValue *domains = mr_json_value_get_member (request->body, "domains");
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < domains->length; i++)
    {
      const char *given = domains->elements[i].string;
      g_autofree char *domain = mr_sim_catalog_normalize (given);
      const char *keyword = NULL;
      MrSimAvailability availability = mr_sim_catalog_check (domain, &keyword);

      if (availability == MR_SIM_AVAILABLE && mr_sim_state_domain_is_ordered (self->state, domain))
        availability = MR_SIM_TAKEN;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "domain");
      json_builder_add_string_value (builder, given);
      json_builder_set_member_name (builder, "available");
      json_builder_add_boolean_value (builder, availability == MR_SIM_AVAILABLE);
      if (availability == MR_SIM_RESTRICTED)
        {
          json_builder_set_member_name (builder, "unavailable_reason");
          json_builder_add_string_value (builder, "restricted");
          json_builder_set_member_name (builder, "restricted_keyword");
          json_builder_add_string_value (builder, keyword);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  reply_builder (self, request->msg, 200, builder);
}

static void
handle_prewarmed (MrSimServer *self,
                  Request     *request)
{
  const MrJsonValue *object = request->body != NULL && request->body->kind == MR_JSON_OBJECT
                              ? request->body : NULL;
  const MrJsonValue *extensions = NULL;
  g_autofree char *search = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const MrSimPrewarmed *inventory;
  guint n;

  if (object != NULL)
    {
      const char *text = mr_sim_request_get_string (object, "search");

      extensions = mr_sim_request_get_array (object, "extensions");
      search = mr_sim_catalog_normalize (text != NULL ? text : "");
    }

  inventory = mr_sim_catalog_get_prewarmed (&n);
  for (guint i = 0; i < n; i++)
    {
      const char *tld = mr_sim_catalog_get_tld (inventory[i].domain);
      gboolean tld_ok = extensions == NULL;

      for (guint j = 0; extensions != NULL && j < extensions->length; j++)
        if (g_str_equal (extensions->elements[j].string, tld))
          tld_ok = TRUE;

      if (!tld_ok ||
          (search != NULL && strstr (inventory[i].domain, search) == NULL) ||
          mr_sim_state_domain_is_ordered (self->state, inventory[i].domain))
        continue;

      g_ptr_array_add (found, (gpointer) &inventory[i]);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "domains");
  json_builder_begin_array (builder);
  for (guint i = 0; i < found->len; i++)
    json_builder_add_string_value (builder, ((MrSimPrewarmed *) g_ptr_array_index (found, i))->domain);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "domains_with_type");
  json_builder_begin_array (builder);
  for (guint i = 0; i < found->len; i++)
    {
      const MrSimPrewarmed *p = g_ptr_array_index (found, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "domain");
      json_builder_add_string_value (builder, p->domain);
      json_builder_set_member_name (builder, "account_type");
      json_builder_add_int_value (builder, p->account_type);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  reply_builder (self, request->msg, 200, builder);
}

static void
handle_cancel (MrSimServer *self,
               Request     *request)
{
  const MrJsonValue *emails = mr_json_value_get_member (request->body, "accounts");
  g_autoptr(GPtrArray) done = g_ptr_array_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gint64 now = mr_sim_state_now ();
  gboolean changed = FALSE;

  for (guint i = 0; i < emails->length; i++)
    {
      g_autofree char *email = mr_sim_catalog_normalize (emails->elements[i].string);
      MrSimAccountRecord *account = mr_sim_state_find_account (self->state, request->workspace_id, email);

      if (account == NULL || g_ptr_array_find (done, account, NULL))
        continue;

      if (account->cancelled == 0)
        {
          mr_sim_state_cancel_account (self->state, account, now);
          changed = TRUE;
        }
      g_ptr_array_add (done, account);
    }

  if (changed)
    mr_sim_state_save (self->state);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < done->len; i++)
    build_account (builder, g_ptr_array_index (done, i), FALSE);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  reply_builder (self, request->msg, 200, builder);
}

/* Checkout pages */

static void
handle_checkout (MrSimServer       *self,
                 SoupServerMessage *msg,
                 const char        *path)
{
  const char *id = path + strlen ("/checkout/");
  const char *method = soup_server_message_get_method (msg);
  Cart *cart = g_hash_table_lookup (self->carts, id);
  g_autoptr(MrJsonDoc) doc = NULL;
  g_autoptr(MrSimQuote) quote = NULL;
  g_autoptr(GString) html = g_string_new (NULL);
  gint64 total;

  if (cart == NULL)
    {
      reply_html (self, msg, 404, "Checkout not found",
                  "<p>This checkout does not exist or was already paid.</p>");
      return;
    }

  /* the bytes were read and checked when the checkout was made */
  doc = mr_json_doc_read (g_bytes_get_data (cart->request, NULL), g_bytes_get_size (cart->request),
                          MAX_BODY_DEPTH, NULL);
  g_assert (doc != NULL && mr_json_doc_get_root (doc) != NULL);
  quote = mr_sim_quote_new (mr_json_doc_get_root (doc), self->state, self->pricing,
                            cart->workspace_id);
  total = mr_sim_quote_get_total (quote);

  if (g_str_equal (method, "POST"))
    {
      if (!mr_sim_quote_is_valid (quote))
        {
          g_hash_table_remove (self->carts, id);
          reply_html (self, msg, 409, "Order no longer valid",
                      "<p>Something changed since the checkout was opened. Nothing was charged.</p>");
          return;
        }

      mr_sim_quote_commit (quote, self->state, cart->workspace_id);
      self->n_orders_placed++;
      g_hash_table_remove (self->carts, id);
      reply_html (self, msg, 200, "Order placed",
                  "<p>Simulated payment accepted. Nothing was charged. You can close this page.</p>");
      return;
    }

  g_string_append (html, "<p>Simulated checkout: nothing will be charged.</p><ul>");
  for (guint i = 0; i < mr_sim_quote_get_n_domains (quote); i++)
    {
      g_autofree char *escaped = g_markup_escape_text (mr_sim_quote_get_domain (quote, i), -1);

      g_string_append_printf (html, "<li>%s</li>", escaped);
    }
  g_string_append_printf (html, "</ul><p>Due now: $%" G_GINT64_FORMAT ".%02d</p>"
                          "<form method=\"post\"><button type=\"submit\">Pay</button></form>",
                          total / 100, (int) (total % 100));
  reply_html (self, msg, 200, "Checkout", html->str);
}

/* Dispatch */

static void
count_request (MrSimServer *self,
               const char  *path)
{
  gpointer key = NULL;
  gpointer n = NULL;

  self->n_requests++;

  /* a client mostly asks the same path again: no hashing then */
  if (self->last_path != NULL && strcmp (self->last_path, path) == 0)
    {
      (*self->last_count)++;
      return;
    }

  if (!g_hash_table_lookup_extended (self->requests, path, &key, &n))
    {
      key = g_strdup (path);
      n = g_new0 (guint, 1);
      g_hash_table_insert (self->requests, key, n);
    }
  /* the table's own key and count: nothing is ever removed from it */
  self->last_path = key;
  self->last_count = n;
  (*self->last_count)++;
}

static Key *
authenticate (MrSimServer       *self,
              SoupServerMessage *msg,
              const char       **message)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");
  gpointer text, key;

  if (header == NULL || *header == '\0')
    {
      *message = "Missing Authorization header";
      return NULL;
    }

  /* "Bearer " as clients write it, else in any case */
  if (strncmp (header, "Bearer ", 7) != 0 && g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    {
      *message = "Invalid API key";
      return NULL;
    }

  /* a client sends the same key again and again: no hashing then */
  if (self->last_key_text != NULL && strcmp (self->last_key_text, header + 7) == 0)
    return self->last_key;

  if (!g_hash_table_lookup_extended (self->keys, header + 7, &text, &key))
    {
      *message = "Invalid API key";
      return NULL;
    }

  self->last_key_text = text;
  self->last_key = key;

  return key;
}

/* Bodies over the limit are read (so that the client, still sending,
 * gets the 413 envelope instead of a broken pipe) but never kept. */
static GQuark
body_too_large_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("mr-sim-body-too-large");

  return quark;
}

static void
refuse_body (SoupServerMessage *msg)
{
  g_object_set_qdata (G_OBJECT (msg), body_too_large_quark (), GINT_TO_POINTER (TRUE));
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
}

static gboolean
body_refused (SoupServerMessage *msg)
{
  /* a refused body never accumulates: only then is the mark looked up */
  if (soup_message_body_get_accumulate (soup_server_message_get_request_body (msg)))
    return FALSE;

  return g_object_get_qdata (G_OBJECT (msg), body_too_large_quark ()) != NULL;
}

/* chunked bodies announce no length: count them */
static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              MrSimServer       *self)
{
  gsize *received = g_object_get_data (G_OBJECT (msg), "mr-sim-body-received");

  if (received == NULL)
    {
      received = g_new0 (gsize, 1);
      g_object_set_data_full (G_OBJECT (msg), "mr-sim-body-received", received, g_free);
    }

  *received += g_bytes_get_size (chunk);
  if (*received > MAX_BODY_SIZE && !body_refused (msg))
    refuse_body (msg);
}

/* Paths. The server takes them raw: libsoup would otherwise copy every
 * request's address to decode a path that nearly never has a %-escape
 * (a few thousand instructions a request). They are decoded here as
 * libsoup decodes them: a path that does not decode, or that decodes to
 * a ".." segment, is a 400 before its body is read; the handler gets the
 * decoded path. A path is decoded once, in the early handler, and kept
 * on its message for the handler. */
static gboolean
path_is_safe (const char *path)
{
  /* the API's paths have no dot: nothing to look for then */
  return strchr (path, '.') == NULL ||
         (strstr (path, "/../") == NULL && !g_str_has_suffix (path, "/.."));
}

static G_DEFINE_QUARK (mr-sim-decoded-path, decoded_path)

/* @path as the handlers see it: itself, or decoded when it has a
 * %-escape (NULL when it does not decode). The decoded path lives as
 * long as @msg. */
static const char *
message_path (SoupServerMessage *msg,
              const char        *path)
{
  char *decoded;

  if (strchr (path, '%') == NULL)
    return path;

  decoded = g_object_get_qdata (G_OBJECT (msg), decoded_path_quark ());
  if (decoded == NULL)
    {
      decoded = g_uri_unescape_string (path, NULL);
      if (decoded != NULL)
        g_object_set_qdata_full (G_OBJECT (msg), decoded_path_quark (), decoded, g_free);
    }

  return decoded;
}

/* The early handler runs once the headers are in, before the body is
 * read: bodies of a known length are measured here, others chunk by
 * chunk. No signal is connected to a request that announces its length. */
static void
early_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *decoded = message_path (msg, path);

  /* a path that does not decode, or climbs out, is refused as libsoup does */
  if (decoded == NULL || !path_is_safe (decoded))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_BAD_REQUEST, NULL);
      return;
    }

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), user_data);
  else if (soup_message_headers_get_content_length (headers) > MAX_BODY_SIZE)
    refuse_body (msg);
}

static gboolean
is_blank (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isspace (data[i]))
        return FALSE;
    }

  return TRUE;
}

/* The body as Fastify's JSON content-type parser takes it: at most 1 MiB
 * (413), application/json only (415), not empty once the type says JSON,
 * and JSON. *out_body stays NULL when there is no body. Replies and
 * returns FALSE when the body is refused. */
static gboolean
read_body (MrSimServer        *self,
           SoupServerMessage  *msg,
           SoupMessageBody    *request_body,
           MrJsonDoc         **doc,
           const MrJsonValue **out_body)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *media_type = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *content_type;
  const MrJsonValue *root;

  *out_body = NULL;

  if (body_refused (msg) || request_body->length > MAX_BODY_SIZE)
    {
      reply_error (self, msg, 413, "Request body is too large");
      return FALSE;
    }

  content_type = soup_message_headers_get_content_type (headers, NULL);
  if (content_type == NULL && request_body->length == 0)
    return TRUE;

  /* "application/json" as clients write it, else in any case */
  if (content_type == NULL ||
      (strcmp (content_type, "application/json") != 0 &&
       g_ascii_strcasecmp (content_type, "application/json") != 0))
    {
      g_autofree char *text = NULL;

      media_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
      text = g_strdup_printf ("Unsupported Media Type: %s",
                              media_type != NULL ? g_strstrip (media_type) : "");
      reply_error (self, msg, 415, text);
      return FALSE;
    }

  if (is_blank (request_body->data, request_body->length))
    {
      reply_error (self, msg, 400, "Body cannot be empty when content-type is set to 'application/json'");
      return FALSE;
    }

  if (*doc == NULL &&
      (*doc = mr_json_doc_read (request_body->data, request_body->length, MAX_BODY_DEPTH, &error)) == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, MR_JSON_READER_ERROR, MR_JSON_READER_ERROR_DEPTH))
        text = g_strdup ("Body is not valid JSON: it is nested too deeply");
      else
        text = g_strdup_printf ("Body is not valid JSON: %s", error->message);
      reply_error (self, msg, 400, text);
      return FALSE;
    }

  root = mr_json_doc_get_root (*doc);
  if (root == NULL)
    {
      reply_error (self, msg, 400, "Body cannot be empty when content-type is set to 'application/json'");
      return FALSE;
    }

  *out_body = root;
  return TRUE;
}

/* @doc: the body, when it was read on the way (see classify_request());
 * the request may read it into *@doc */
static void
handle_request (MrSimServer        *self,
                SoupServerMessage  *msg,
                const char         *path,
                GHashTable         *query,
                MrJsonDoc         **doc)
{
  const char *method = soup_server_message_get_method (msg);
  const Route *route = NULL;
  const char *message = NULL;
  const MrJsonValue *body = NULL;
  g_autofree char *schema_error = NULL;
  Request request = { 0 };
  SoupMessageBody *request_body;
  Key *key;
  guint retry;

  if (g_str_has_prefix (path, "/checkout/") && (g_str_equal (method, "GET") || g_str_equal (method, "POST")))
    {
      handle_checkout (self, msg, path);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      const char *route_path = routes[i].path;
      gsize len = strlen (route_path);

      /* A trailing slash is tolerated, as Fastify does. */
      if (g_str_equal (routes[i].method, method) &&
          strncmp (path, route_path, len) == 0 &&
          (path[len] == '\0' || (path[len] == '/' && path[len + 1] == '\0')))
        {
          route = &routes[i];
          break;
        }
    }

  if (route == NULL)
    {
      reply_error (self, msg, 404, "Resource not found");
      return;
    }

  key = authenticate (self, msg, &message);
  if (key == NULL)
    {
      reply_error (self, msg, 401, message);
      return;
    }

  if (!key_allows (key, route->scopes))
    {
      g_autofree char *scopes = required_scopes_text (route->scopes);
      g_autofree char *text = g_strdup_printf ("The API key does not have any of the scopes "
                                               "this endpoint needs: %s", scopes);

      reply_error (self, msg, 403, text);
      return;
    }

  if (!self->has_plan)
    {
      reply_error (self, msg, 402, "Workspace does not have an active paid plan");
      return;
    }

  if ((retry = rate_limit (self, key->workspace_id, "global", self->global_per_minute)) > 0 ||
      (route->handler == handle_check &&
       (retry = rate_limit (self, key->workspace_id, "check", self->check_per_minute)) > 0))
    {
      reply_rate_limited (self, msg, retry);
      return;
    }

  request_body = soup_server_message_get_request_body (msg);
  if (route->has_body && !read_body (self, msg, request_body, doc, &body))
    return;

  if (route->handler == handle_place_order)
    schema_error = mr_sim_request_check_place_order (body);
  else if (route->handler == handle_similar)
    schema_error = mr_sim_request_check_similar (body);
  else if (route->handler == handle_check)
    schema_error = mr_sim_request_check_domains (body);
  else if (route->handler == handle_prewarmed)
    schema_error = mr_sim_request_check_prewarmed (body);
  else if (route->handler == handle_cancel)
    schema_error = mr_sim_request_check_cancel (body);

  if (schema_error != NULL)
    {
      reply_error (self, msg, 400, schema_error);
      return;
    }

  request.msg = msg;
  request.query = query;
  request.workspace_id = key->workspace_id;
  request.body = body;
  route->handler (self, &request);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  MrSimServer *self = user_data;
  g_autoptr(MrJsonDoc) doc = NULL;
  MrSimFaultTarget kind;
  MrSimFault fault;

  /* decoded by the early handler, which refused what does not decode */
  path = message_path (msg, path);
  g_assert (path != NULL);

  count_request (self, path);

  kind = classify_request (msg, path, &doc);
  if (kind == MR_SIM_FAULT_TARGET_PLACE)
    self->n_place_requests++;

  if (!take_fault (self, path, kind, &fault))
    {
      handle_request (self, msg, path, query, &doc);
      return;
    }

  /* the request takes effect, but its reply is lost on the way */
  if (fault == MR_SIM_FAULT_DROP_AFTER)
    {
      self->dropping = TRUE;
      handle_request (self, msg, path, query, &doc);
      self->dropping = FALSE;
    }

  apply_fault (self, msg, fault);
}

/* GObject */

static void
mr_sim_server_dispose (GObject *object)
{
  MrSimServer *self = (MrSimServer *) object;

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_ptr_array_set_size (self->delayed, 0);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (mr_sim_server_parent_class)->dispose (object);
}

static void
mr_sim_server_finalize (GObject *object)
{
  MrSimServer *self = (MrSimServer *) object;

  g_free (self->url);
  g_hash_table_unref (self->keys);
  g_clear_pointer (&self->pricing, mr_sim_pricing_free);
  g_ptr_array_unref (self->faults);
  g_hash_table_unref (self->windows);
  g_clear_pointer (&self->state, mr_sim_state_free);
  g_hash_table_unref (self->carts);
  g_ptr_array_unref (self->delayed);
  g_hash_table_unref (self->requests);
  spares_unref (self->spares);

  G_OBJECT_CLASS (mr_sim_server_parent_class)->finalize (object);
}

static void
mr_sim_server_class_init (MrSimServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mr_sim_server_dispose;
  object_class->finalize = mr_sim_server_finalize;
}

static void
mr_sim_server_init (MrSimServer *self)
{
  self->server = soup_server_new ("server-header", "mailroom-sim ",
                                  "raw-paths", TRUE,
                                  NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
  soup_server_add_early_handler (self->server, NULL, early_cb, self, NULL);

  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, key_free);
  self->has_plan = TRUE;
  self->faults = g_ptr_array_new_with_free_func (fault_free);
  self->check_per_minute = MR_SIM_CHECK_PER_MINUTE;
  self->global_per_minute = MR_SIM_GLOBAL_PER_MINUTE;
  self->windows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->state = mr_sim_state_new ();
  self->carts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cart_free);
  self->delayed = g_ptr_array_new_with_free_func (delayed_free);
  self->requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->spares = spares_new ();
}

/* Public API */

/* before the keys change: the last key found may go */
static void
forget_last_key (MrSimServer *self)
{
  self->last_key_text = NULL;
  self->last_key = NULL;
}

MrSimServer *
mr_sim_server_new (const char  *pricing_file,
                   GError     **error)
{
  g_autoptr(MrSimServer) self = g_object_new (MR_TYPE_SIM_SERVER, NULL);

  if (pricing_file != NULL)
    self->pricing = mr_sim_pricing_new_from_file (pricing_file, error);
  else
    self->pricing = mr_sim_pricing_new_default ();

  if (self->pricing == NULL)
    return NULL;

  mr_sim_server_add_key (self, MR_SIM_DEMO_KEY, "all:all");

  return g_steal_pointer (&self);
}

gboolean
mr_sim_server_listen (MrSimServer  *self,
                      const char   *host,
                      guint         port,
                      GError      **error)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GSocket) listener = NULL;
  GSList *uris;

  g_return_val_if_fail (MR_IS_SIM_SERVER (self), FALSE);
  g_return_val_if_fail (port <= 65535, FALSE);

  if (host == NULL || g_str_equal (host, "localhost"))
    host = "127.0.0.1";

  address = g_inet_address_new_from_string (host);
  if (address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "'%s' is not an IP address", host);
      return FALSE;
    }

  socket_address = g_inet_socket_address_new (address, port);

  /* GSocket's default backlog of 10 makes many clients connecting at once
   * wait for SYN retries: take as many as the kernel allows */
  listener = g_socket_new (g_inet_address_get_family (address), G_SOCKET_TYPE_STREAM,
                           G_SOCKET_PROTOCOL_TCP, error);
  if (listener == NULL)
    return FALSE;
  g_socket_set_listen_backlog (listener, LISTEN_BACKLOG);
  if (!g_socket_bind (listener, socket_address, TRUE, error) ||
      !g_socket_listen (listener, error) ||
      !soup_server_listen_socket (self->server, listener, 0, error))
    return FALSE;

  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    {
      GUri *uri = uris->data;
      g_autofree char *text = NULL;
      const char *uri_host = g_uri_get_host (uri);

      if (strchr (uri_host, ':') != NULL)
        text = g_strdup_printf ("http://[%s]:%d", uri_host, g_uri_get_port (uri));
      else
        text = g_strdup_printf ("http://%s:%d", uri_host, g_uri_get_port (uri));
      g_free (self->url);
      self->url = g_steal_pointer (&text);
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return TRUE;
}

const char *
mr_sim_server_get_url (MrSimServer *self)
{
  g_return_val_if_fail (MR_IS_SIM_SERVER (self), NULL);

  return self->url;
}

void
mr_sim_server_disconnect (MrSimServer *self)
{
  g_return_if_fail (MR_IS_SIM_SERVER (self));

  soup_server_disconnect (self->server);
  g_ptr_array_set_size (self->delayed, 0);
}

void
mr_sim_server_add_key_for_workspace (MrSimServer *self,
                                     const char  *key,
                                     const char  *scopes,
                                     const char  *workspace_id)
{
  g_auto(GStrv) parts = NULL;
  GPtrArray *clean;
  Key *k;

  g_return_if_fail (MR_IS_SIM_SERVER (self));
  g_return_if_fail (key != NULL && *key != '\0');

  parts = g_strsplit (scopes != NULL ? scopes : "", ",", -1);
  clean = g_ptr_array_new ();
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_ptr_array_add (clean, g_strdup (parts[i]));
    }
  g_ptr_array_add (clean, NULL);

  k = g_new0 (Key, 1);
  k->workspace_id = g_strdup (workspace_id != NULL ? workspace_id : DEFAULT_WORKSPACE_ID);
  k->scopes = (GStrv) g_ptr_array_free (clean, FALSE);
  for (ScopeSet set = SCOPES_CREATE; set <= SCOPES_DELETE; set++)
    if (scopes_allow ((const char * const *) k->scopes, set))
      k->allows |= 1u << set;
  /* a key added again replaces its Key */
  forget_last_key (self);
  g_hash_table_insert (self->keys, g_strdup (key), k);
}

void
mr_sim_server_add_key (MrSimServer *self,
                       const char  *key,
                       const char  *scopes)
{
  mr_sim_server_add_key_for_workspace (self, key, scopes, NULL);
}

void
mr_sim_server_remove_key (MrSimServer *self,
                          const char  *key)
{
  g_return_if_fail (MR_IS_SIM_SERVER (self));

  forget_last_key (self);
  g_hash_table_remove (self->keys, key);
}

void
mr_sim_server_set_has_plan (MrSimServer *self,
                            gboolean     has_plan)
{
  g_return_if_fail (MR_IS_SIM_SERVER (self));

  self->has_plan = !!has_plan;
}

void
mr_sim_server_set_payment (MrSimServer  *self,
                           MrSimPayment  payment)
{
  g_return_if_fail (MR_IS_SIM_SERVER (self));
  g_return_if_fail (payment <= MR_SIM_PAYMENT_GENERIC_DECLINE);

  self->payment = payment;
}

void
mr_sim_server_set_payment_method (MrSimServer *self,
                                  const char  *brand,
                                  const char  *last_4_digits,
                                  const char  *name_on_card)
{
  g_return_if_fail (MR_IS_SIM_SERVER (self));

  g_free (self->pricing->card_brand);
  g_free (self->pricing->card_last_4);
  g_free (self->pricing->card_name);
  self->pricing->card_brand = g_strdup (brand != NULL ? brand : "");
  self->pricing->card_last_4 = g_strdup (last_4_digits != NULL ? last_4_digits : "");
  self->pricing->card_name = g_strdup (name_on_card != NULL ? name_on_card : "");
}

void
mr_sim_server_set_checkout_required (MrSimServer *self,
                                     gboolean     required)
{
  g_return_if_fail (MR_IS_SIM_SERVER (self));

  self->checkout_required = !!required;
}

void
mr_sim_server_set_pricing (MrSimServer        *self,
                           const MrSimPricing *pricing)
{
  g_return_if_fail (MR_IS_SIM_SERVER (self));
  g_return_if_fail (pricing != NULL);

  if (pricing == self->pricing)
    return;

  g_clear_pointer (&self->pricing, mr_sim_pricing_free);
  self->pricing = mr_sim_pricing_copy (pricing);
  self->pricing->discount_percent = MIN (self->pricing->discount_percent, 100);
}

const MrSimPricing *
mr_sim_server_get_pricing (MrSimServer *self)
{
  g_return_val_if_fail (MR_IS_SIM_SERVER (self), NULL);

  return self->pricing;
}

gboolean
mr_sim_server_is_available (MrSimServer *self,
                            const char  *domain)
{
  g_autofree char *norm = NULL;

  g_return_val_if_fail (MR_IS_SIM_SERVER (self), FALSE);
  g_return_val_if_fail (domain != NULL, FALSE);

  norm = mr_sim_catalog_normalize (domain);

  return mr_sim_catalog_check (norm, NULL) == MR_SIM_AVAILABLE &&
         !mr_sim_state_domain_is_ordered (self->state, norm);
}

void
mr_sim_server_reset_state (MrSimServer *self)
{
  g_return_if_fail (MR_IS_SIM_SERVER (self));

  mr_sim_state_clear (self->state);
}

void
mr_sim_server_set_free_domains (MrSimServer *self,
                                guint        n_free)
{
  g_return_if_fail (MR_IS_SIM_SERVER (self));

  self->pricing->free_domains = n_free;
}

void
mr_sim_server_set_discount_percent (MrSimServer *self,
                                    guint        percent)
{
  g_return_if_fail (MR_IS_SIM_SERVER (self));
  g_return_if_fail (percent <= 100);

  self->pricing->discount_percent = percent;
}

void
mr_sim_server_set_provider_available (MrSimServer *self,
                                      int          email_provider,
                                      gboolean     available)
{
  g_return_if_fail (MR_IS_SIM_SERVER (self));
  g_return_if_fail (email_provider >= 1 && email_provider <= 3);

  self->pricing->provider_unavailable[email_provider] = !available;
}

void
mr_sim_server_set_latency (MrSimServer *self,
                           guint        ms)
{
  g_return_if_fail (MR_IS_SIM_SERVER (self));

  self->latency_ms = ms;
}

static void
add_fault (MrSimServer      *self,
           MrSimFaultTarget  target,
           const char       *path,
           MrSimFault        fault,
           guint             count)
{
  Fault *f;

  if (fault == MR_SIM_FAULT_NONE || count == 0)
    return;

  f = g_new0 (Fault, 1);
  f->target = target;
  f->path = g_strdup (path);
  f->fault = fault;
  f->count = count;
  g_ptr_array_add (self->faults, f);
}

void
mr_sim_server_inject_fault (MrSimServer *self,
                            const char  *path,
                            MrSimFault   fault,
                            guint        count)
{
  g_return_if_fail (MR_IS_SIM_SERVER (self));

  add_fault (self, MR_SIM_FAULT_TARGET_PATH, path, fault, count);
}

void
mr_sim_server_inject_fault_on (MrSimServer      *self,
                               MrSimFaultTarget  target,
                               MrSimFault        fault,
                               guint             count)
{
  g_return_if_fail (MR_IS_SIM_SERVER (self));

  add_fault (self, target, NULL, fault, count);
}

gboolean
mr_sim_server_inject_fault_spec (MrSimServer  *self,
                                 const char   *spec,
                                 GError      **error)
{
  static const struct { const char *name; MrSimFault fault; } kinds[] = {
    { "500", MR_SIM_FAULT_SERVER_ERROR },
    { "error", MR_SIM_FAULT_SERVER_ERROR },
    { "malformed", MR_SIM_FAULT_MALFORMED },
    { "drop", MR_SIM_FAULT_DROP },
    { "drop-before", MR_SIM_FAULT_DROP },
    { "drop-after", MR_SIM_FAULT_DROP_AFTER },
  };
  g_auto(GStrv) parts = NULL;
  MrSimFaultTarget target = MR_SIM_FAULT_TARGET_PATH;
  MrSimFault fault = MR_SIM_FAULT_NONE;
  const char *path = NULL;
  guint64 count = 1;

  g_return_val_if_fail (MR_IS_SIM_SERVER (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  parts = g_strsplit (spec, ":", 3);
  if (g_strv_length (parts) < 2)
    goto bad;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (parts[1], kinds[i].name))
      fault = kinds[i].fault;
  if (fault == MR_SIM_FAULT_NONE)
    goto bad;

  if (parts[2] != NULL && !g_ascii_string_to_unsigned (parts[2], 10, 1, G_MAXUINT, &count, NULL))
    goto bad;

  if (g_str_equal (parts[0], "place"))
    target = MR_SIM_FAULT_TARGET_PLACE;
  else if (g_str_equal (parts[0], "quote"))
    target = MR_SIM_FAULT_TARGET_QUOTE;
  else if (*parts[0] != '\0' && !g_str_equal (parts[0], "*"))
    path = parts[0];

  add_fault (self, target, path, fault, (guint) count);

  return TRUE;

bad:
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "Bad --fault \"%s\": use TARGET:KIND[:COUNT], TARGET a path, * (any), place or quote, "
               "KIND one of 500, malformed, drop (or drop-before), drop-after", spec);
  return FALSE;
}

void
mr_sim_server_set_rate_limits (MrSimServer *self,
                               guint        check_per_minute,
                               guint        global_per_minute)
{
  g_return_if_fail (MR_IS_SIM_SERVER (self));

  self->check_per_minute = check_per_minute;
  self->global_per_minute = global_per_minute;
  g_hash_table_remove_all (self->windows);
}

void
mr_sim_server_add_ordered_domain (MrSimServer *self,
                                  const char  *domain,
                                  int          email_provider,
                                  guint        n_accounts)
{
  g_autofree char *norm = NULL;
  gint64 now = mr_sim_state_now ();

  g_return_if_fail (MR_IS_SIM_SERVER (self));
  g_return_if_fail (domain != NULL);
  g_return_if_fail (email_provider >= 1 && email_provider <= 3);

  norm = mr_sim_catalog_normalize (domain);
  mr_sim_state_add_order (self->state, DEFAULT_WORKSPACE_ID, norm, NULL, email_provider, FALSE, now);
  for (guint i = 0; i < n_accounts; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("user%u", i + 1);
      g_autofree char *last = g_strdup_printf ("User %u", i + 1);

      mr_sim_state_add_account (self->state, DEFAULT_WORKSPACE_ID, norm, prefix, "Demo", last,
                                email_provider, FALSE, now);
    }
  mr_sim_state_save (self->state);
}

gboolean
mr_sim_server_set_state_file (MrSimServer  *self,
                              const char   *path,
                              GError      **error)
{
  g_return_val_if_fail (MR_IS_SIM_SERVER (self), FALSE);

  return mr_sim_state_set_file (self->state, path, error);
}

guint
mr_sim_server_get_n_orders_placed (MrSimServer *self)
{
  g_return_val_if_fail (MR_IS_SIM_SERVER (self), 0);

  return self->n_orders_placed;
}

guint
mr_sim_server_get_n_place_requests (MrSimServer *self)
{
  g_return_val_if_fail (MR_IS_SIM_SERVER (self), 0);

  return self->n_place_requests;
}

guint
mr_sim_server_get_n_requests (MrSimServer *self,
                              const char  *path)
{
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  g_return_val_if_fail (MR_IS_SIM_SERVER (self), 0);

  if (path == NULL)
    return self->n_requests;

  g_hash_table_iter_init (&iter, self->requests);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_equal (key, path) || g_str_has_suffix (key, path))
      n += *(guint *) value;

  return n;
}
