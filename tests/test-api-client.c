/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "mailroom-core.h"
#include "mr-test-util.h"

#define WAIT_MS 10000
#define PATH_ORDERS "/api/v2/dfy-email-account-orders"
#define PATH_CHECK  PATH_ORDERS "/domains/check"

static MrOrder *
make_order (const char *domain,
            guint       n_accounts)
{
  MrOrder *order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrderItem) item = mr_order_item_new (domain);
  static const char * const first[] = { "Jane", "John", "Ada", "Alan", "Grace" };
  static const char * const last[] = { "Doe", "Smith", "Lovelace", "Turing", "Hopper" };

  mr_order_item_set_email_provider (item, MR_EMAIL_PROVIDER_GOOGLE);
  for (guint i = 0; i < n_accounts && i < G_N_ELEMENTS (first); i++)
    {
      g_autofree char *prefix = g_ascii_strdown (first[i], -1);
      g_autoptr(MrAccount) account = mr_account_new (first[i], last[i], prefix);

      mr_order_item_append_account (item, account);
    }
  mr_order_append_item (order, item);

  return order;
}

/* The system's proxy settings, as the test sets them: a GProxyResolver
 * registered where GIO looks for the default one ($GIO_USE_PROXY_RESOLVER
 * names it in main()). While a test points it at a proxy, every address is
 * sent there; otherwise it says "direct://". It counts what it is asked. */

#define TEST_PROXY_RESOLVER_NAME "mr-test-proxy"

typedef struct
{
  GObject parent_instance;
} TestProxyResolver;

typedef GObjectClass TestProxyResolverClass;

static char *test_proxy_uri;           /* NULL: direct */
static guint test_proxy_n_lookups;

GType test_proxy_resolver_get_type (void);
static void test_proxy_resolver_iface_init (GProxyResolverInterface *iface);

G_DEFINE_TYPE_WITH_CODE (TestProxyResolver, test_proxy_resolver, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (G_TYPE_PROXY_RESOLVER,
                                                test_proxy_resolver_iface_init))

static char **
test_proxy_resolver_lookup (GProxyResolver  *resolver,
                            const char      *uri,
                            GCancellable    *cancellable,
                            GError         **error)
{
  const char *proxies[] = { test_proxy_uri != NULL ? test_proxy_uri : "direct://", NULL };

  test_proxy_n_lookups++;

  return g_strdupv ((char **) proxies);
}

static void
test_proxy_resolver_lookup_async (GProxyResolver      *resolver,
                                  const char          *uri,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);

  g_task_return_pointer (task, test_proxy_resolver_lookup (resolver, uri, cancellable, NULL),
                         (GDestroyNotify) g_strfreev);
}

static char **
test_proxy_resolver_lookup_finish (GProxyResolver  *resolver,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
test_proxy_resolver_is_supported (GProxyResolver *resolver)
{
  return TRUE;
}

static void
test_proxy_resolver_iface_init (GProxyResolverInterface *iface)
{
  iface->is_supported = test_proxy_resolver_is_supported;
  iface->lookup = test_proxy_resolver_lookup;
  iface->lookup_async = test_proxy_resolver_lookup_async;
  iface->lookup_finish = test_proxy_resolver_lookup_finish;
}

static void
test_proxy_resolver_class_init (TestProxyResolverClass *klass)
{
}

static void
test_proxy_resolver_init (TestProxyResolver *self)
{
}

/* A proxy that keeps the head of the first request it gets, then hangs up */
typedef struct
{
  GSocketService *service;
  GMutex          lock;
  char           *head;
} TestProxy;

static gboolean
test_proxy_run_cb (GThreadedSocketService *service,
                   GSocketConnection      *connection,
                   GObject                *source,
                   gpointer                user_data)
{
  TestProxy *proxy = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  g_autoptr(GString) head = g_string_new (NULL);
  char c;

  while (!g_str_has_suffix (head->str, "\r\n\r\n") && head->len < 8192 &&
         g_input_stream_read (in, &c, 1, NULL, NULL) == 1)
    g_string_append_c (head, c);

  g_mutex_lock (&proxy->lock);
  if (proxy->head == NULL)
    proxy->head = g_strdup (head->str);
  g_mutex_unlock (&proxy->lock);

  return TRUE;
}

static TestProxy *
test_proxy_new (void)
{
  TestProxy *proxy = g_new0 (TestProxy, 1);
  g_autoptr(GError) error = NULL;
  guint16 port;

  g_mutex_init (&proxy->lock);
  proxy->service = g_threaded_socket_service_new (1);
  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (proxy->service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (proxy->service, "run", G_CALLBACK (test_proxy_run_cb), proxy);
  g_socket_service_start (proxy->service);

  g_free (test_proxy_uri);
  test_proxy_uri = g_strdup_printf ("http://127.0.0.1:%u", port);

  return proxy;
}

static char *
test_proxy_dup_head (TestProxy *proxy)
{
  char *head;

  g_mutex_lock (&proxy->lock);
  head = g_strdup (proxy->head);
  g_mutex_unlock (&proxy->lock);

  return head;
}

static void
test_proxy_free (TestProxy *proxy)
{
  g_clear_pointer (&test_proxy_uri, g_free);
  g_socket_service_stop (proxy->service);
  g_socket_listener_close (G_SOCKET_LISTENER (proxy->service));
  g_clear_object (&proxy->service);
  g_free (proxy->head);
  g_mutex_clear (&proxy->lock);
  g_free (proxy);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestProxy, test_proxy_free)

/* A small server of our own, for what the simulator does not do */

typedef struct
{
  SoupServer *server;
  char       *url;
  guint       status;
  char       *body;
  gsize       body_size;
  gboolean    chunked;
  char       *retry_after;
  char       *last_authorization;
  char       *last_user_agent;
  guint       n_requests;
} TinyServer;

static void
tiny_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  TinyServer *tiny = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);

  tiny->n_requests++;
  g_free (tiny->last_authorization);
  tiny->last_authorization = g_strdup (soup_message_headers_get_one (request_headers, "Authorization"));
  g_free (tiny->last_user_agent);
  tiny->last_user_agent = g_strdup (soup_message_headers_get_one (request_headers, "User-Agent"));

  soup_server_message_set_status (msg, tiny->status, NULL);
  if (tiny->retry_after != NULL)
    soup_message_headers_replace (response_headers, "Retry-After", tiny->retry_after);

  if (tiny->chunked)
    {
      SoupMessageBody *body = soup_server_message_get_response_body (msg);
      gsize offset = 0;

      soup_message_headers_set_encoding (response_headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (response_headers, "application/json", NULL);
      while (offset < tiny->body_size)
        {
          gsize n = MIN (8192, tiny->body_size - offset);

          soup_message_body_append (body, SOUP_MEMORY_COPY, tiny->body + offset, n);
          offset += n;
        }
      soup_message_body_complete (body);
    }
  else
    {
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        tiny->body, tiny->body_size);
    }
}

static TinyServer *
tiny_server_new (guint       status,
                 const char *body)
{
  TinyServer *tiny = g_new0 (TinyServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  tiny->status = status;
  tiny->body = g_strdup (body);
  tiny->body_size = strlen (body);
  tiny->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (tiny->server, NULL, tiny_handler, tiny, NULL);
  soup_server_listen_local (tiny->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (tiny->server);
  g_assert_nonnull (uris);
  tiny->url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return tiny;
}

static void
tiny_server_set_big_body (TinyServer *tiny,
                          gsize       size,
                          gboolean    chunked)
{
  g_free (tiny->body);
  tiny->body = g_malloc (size);
  memset (tiny->body, ' ', size);
  tiny->body[0] = '{';
  tiny->body[size - 1] = '}';
  tiny->body_size = size;
  tiny->chunked = chunked;
}

static void
tiny_server_free (TinyServer *tiny)
{
  soup_server_disconnect (tiny->server);
  g_object_unref (tiny->server);
  g_free (tiny->url);
  g_free (tiny->body);
  g_free (tiny->retry_after);
  g_free (tiny->last_authorization);
  g_free (tiny->last_user_agent);
  g_free (tiny);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TinyServer, tiny_server_free)

static MrApiClient *
client_for_url (const char *url,
                const char *key)
{
  g_autoptr(GError) error = NULL;
  MrApiClient *client = mr_api_client_new (url, key, &error);

  g_assert_no_error (error);
  g_assert_nonnull (client);

  return client;
}

/* Runs list_orders and returns its error */
static GError *
list_orders_error (MrApiClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MrPage) page = NULL;
  GError *error = NULL;

  mr_api_client_list_orders_async (client, 0, NULL, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  page = mr_api_client_list_orders_finish (client, result, &error);
  g_assert_null (page);
  g_assert_nonnull (error);

  return error;
}

static GError *
place_error (MrApiClient *client,
             MrOrder     *order)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MrQuote) quote = NULL;
  GError *error = NULL;

  mr_api_client_place_order_async (client, order, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  quote = mr_api_client_place_order_finish (client, result, &error);
  g_assert_null (quote);
  g_assert_nonnull (error);

  return error;
}

static GError *
check_error (MrApiClient        *client,
             const char * const *domains)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) results = NULL;
  GError *error = NULL;

  mr_api_client_check_domains_async (client, domains, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  results = mr_api_client_check_domains_finish (client, result, &error);
  g_assert_null (results);
  g_assert_nonnull (error);

  return error;
}

/* URL rules */

static void
test_url_check (void)
{
  static const char * const good[] = {
    "https://api.instantly.ai",
    "https://api.instantly.ai/",
    "https://example.org:8443/prefix",
    "http://127.0.0.1:8080",
    "http://127.42.0.9",
    "http://[::1]:9000",
    "http://localhost:1234",
    "http://LOCALHOST",
  };
  static const char * const bad[] = {
    "http://api.instantly.ai",
    "http://10.0.0.1",
    "http://128.0.0.1",
    "http://localhost.example.com",
    "http://[::2]",
    "ftp://127.0.0.1",
    "api.instantly.ai",
    "https://",
    "",
    "https://api.instantly.ai/?q=1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("good: %s", good[i]);
      g_assert_true (mr_api_url_check (good[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("bad: %s", bad[i]);
      g_assert_false (mr_api_url_check (bad[i], &error));
      g_assert_error (error, MR_API_ERROR, MR_API_ERROR_INSECURE_URL);
      g_assert_nonnull (error->message);
    }

  g_assert_true (mr_api_url_is_loopback ("http://127.0.0.1:1"));
  g_assert_true (mr_api_url_is_loopback ("https://[::1]/"));
  g_assert_true (mr_api_url_is_loopback ("http://localhost"));
  g_assert_false (mr_api_url_is_loopback ("https://api.instantly.ai"));
  g_assert_false (mr_api_url_is_loopback ("http://192.168.1.1"));
  g_assert_false (mr_api_url_is_loopback ("ftp://127.0.0.1"));
  g_assert_false (mr_api_url_is_loopback ("nonsense"));
}

static void
test_insecure_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrApiClient) client = NULL;
  g_autoptr(MrApiClient) object = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MrPage) page = NULL;

  client = mr_api_client_new ("http://api.instantly.ai", "secret", &error);
  g_assert_null (client);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_INSECURE_URL);
  g_clear_error (&error);

  /* built around the constructor: every call still refuses, nothing is sent */
  object = g_object_new (MR_TYPE_API_CLIENT, "base-url", "http://example.com", NULL);
  mr_api_client_list_orders_async (object, 0, NULL, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  page = mr_api_client_list_orders_finish (object, result, &error);
  g_assert_null (page);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_INSECURE_URL);
}

static void
test_properties (void)
{
  g_autoptr(MrApiClient) client = client_for_url ("https://api.instantly.ai/", NULL);
  g_autofree char *user_agent = NULL;
  guint timeout = 0;
  guint64 max_size = 0;

  g_assert_cmpstr (mr_api_client_get_base_url (client), ==, "https://api.instantly.ai");
  g_assert_false (mr_api_client_has_api_key (client));
  mr_api_client_set_api_key (client, "k");
  g_assert_true (mr_api_client_has_api_key (client));
  mr_api_client_set_api_key (client, "");
  g_assert_false (mr_api_client_has_api_key (client));

  g_object_get (client,
                "user-agent", &user_agent,
                "timeout", &timeout,
                "max-reply-size", &max_size,
                NULL);
  g_assert_cmpstr (user_agent, ==, "Mailroom/" PACKAGE_VERSION);
  g_assert_cmpuint (timeout, ==, 30);
  g_assert_cmpuint (max_size, ==, 4 * 1024 * 1024);

  mr_api_client_set_timeout (client, 5);
  mr_api_client_set_max_reply_size (client, 1000);
  g_object_get (client, "timeout", &timeout, "max-reply-size", &max_size, NULL);
  g_assert_cmpuint (timeout, ==, 5);
  g_assert_cmpuint (max_size, ==, 1000);
}

/* Every endpoint against the simulator */

static void
test_check_domains (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  const char * const domains[] = { "mailroom-demo.com", "acme.com", "googlemail-team.com", NULL };
  gboolean seen[3] = { FALSE, };

  mr_api_client_check_domains_async (client, domains, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  results = mr_api_client_check_domains_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);
  g_assert_cmpuint (results->len, ==, 3);

  for (guint i = 0; i < results->len; i++)
    {
      MrDomainAvailability *a = g_ptr_array_index (results, i);

      if (g_str_equal (a->domain, "mailroom-demo.com"))
        {
          g_assert_cmpint (a->availability, ==, MR_AVAILABILITY_AVAILABLE);
          seen[0] = TRUE;
        }
      else if (g_str_equal (a->domain, "acme.com"))
        {
          g_assert_cmpint (a->availability, ==, MR_AVAILABILITY_UNAVAILABLE);
          seen[1] = TRUE;
        }
      else if (g_str_equal (a->domain, "googlemail-team.com"))
        {
          g_assert_cmpint (a->availability, ==, MR_AVAILABILITY_RESTRICTED);
          g_assert_nonnull (a->restricted_keyword);
          seen[2] = TRUE;
        }
    }
  g_assert_true (seen[0] && seen[1] && seen[2]);
  g_assert_cmpuint (mr_sim_server_get_n_requests (sim, PATH_CHECK), ==, 1);
}

static void
test_check_too_many (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 51; i++)
    g_ptr_array_add (names, g_strdup_printf ("mailroom-%u.com", i));
  g_ptr_array_add (names, NULL);

  error = check_error (client, (const char * const *) names->pdata);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_BAD_REQUEST);
  g_assert_cmpuint (mr_sim_server_get_n_requests (sim, PATH_CHECK), ==, 0);
}

static void
test_similar_domains (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) domains = NULL;
  const char * const tlds[] = { "org", NULL };

  mr_api_client_similar_domains_async (client, "acme.com", tlds, NULL,
                                       mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  domains = mr_api_client_similar_domains_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (domains);
  g_assert_cmpuint (g_strv_length (domains), >, 0);
  for (guint i = 0; domains[i] != NULL; i++)
    g_assert_true (g_str_has_suffix (domains[i], ".org"));

  /* a restricted keyword: 400 with code and keyword kept */
  g_clear_object (&result);
  g_clear_pointer (&domains, g_strfreev);
  mr_api_client_similar_domains_async (client, "google.com", NULL, NULL,
                                       mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  domains = mr_api_client_similar_domains_finish (client, result, &error);
  g_assert_null (domains);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_BAD_REQUEST);
  g_assert_cmpuint (mr_api_error_get_status (error), ==, 400);
  g_assert_cmpstr (mr_api_error_get_code (error), ==, "restricted_domain");
  g_assert_cmpstr (mr_api_error_get_keyword (error), ==, "google");
}

static void
test_prewarmed_domains (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) domains = NULL;
  g_autoptr(GError) error = NULL;
  const char * const extensions[] = { "co", NULL };

  mr_api_client_prewarmed_domains_async (client, NULL, NULL, NULL,
                                         mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  domains = mr_api_client_prewarmed_domains_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (domains);
  g_assert_cmpuint (domains->len, >, 0);

  g_clear_object (&result);
  g_clear_pointer (&domains, g_ptr_array_unref);
  mr_api_client_prewarmed_domains_async (client, NULL, extensions, NULL,
                                         mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  domains = mr_api_client_prewarmed_domains_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (domains);
  for (guint i = 0; i < domains->len; i++)
    {
      MrPrewarmedDomain *d = g_ptr_array_index (domains, i);

      g_assert_true (g_str_has_suffix (d->domain, ".co"));
    }
}

static void
test_simulate_order (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(MrOrder) order = make_order ("mailroom-demo.com", 2);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MrQuote) quote = NULL;
  g_autoptr(GError) error = NULL;
  guint64 revision = mr_order_get_revision (order);

  g_assert_cmpuint (revision, >, 0);
  mr_api_client_simulate_order_async (client, order, NULL, mr_test_store_result_cb, &result);
  /* an edit while in flight: the quote still names the revision it was asked for */
  mr_order_item_set_email_provider (mr_order_get_item (order, 0), MR_EMAIL_PROVIDER_AIRMAIL);
  g_assert_cmpuint (mr_order_get_revision (order), >, revision);

  mr_test_wait_result (&result, WAIT_MS);
  quote = mr_api_client_simulate_order_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (quote);
  g_assert_true (quote->simulation);
  g_assert_false (quote->order_placed);
  g_assert_true (quote->order_is_valid);
  g_assert_cmpuint (quote->revision, ==, revision);
  g_assert_cmpint (quote->number_of_accounts_ordered, ==, 2);
  g_assert_cmpint (quote->total_price, >, 0);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (sim), ==, 0);
}

/* A body written beforehand (the CLI writes it on a thread) is quoted as
 * the order itself is, and nothing is placed */
static void
test_simulate_body (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(MrOrder) order = make_order ("mailroom-demo.com", 3);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) direct_result = NULL;
  g_autoptr(MrQuote) quote = NULL;
  g_autoptr(MrQuote) direct = NULL;
  g_autoptr(GError) error = NULL;
  guint64 revision = mr_order_get_revision (order);

  mr_api_client_simulate_body_async (client, mr_json_order_request (order, TRUE), revision, NULL,
                                     mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  quote = mr_api_client_simulate_order_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (quote);

  mr_api_client_simulate_order_async (client, order, NULL, mr_test_store_result_cb, &direct_result);
  mr_test_wait_result (&direct_result, WAIT_MS);
  direct = mr_api_client_simulate_order_finish (client, direct_result, &error);
  g_assert_no_error (error);

  g_assert_true (quote->simulation);
  g_assert_false (quote->order_placed);
  g_assert_cmpuint (quote->revision, ==, revision);
  g_assert_cmpint (quote->number_of_accounts_ordered, ==, 3);
  g_assert_cmpint (quote->total_price, ==, direct->total_price);
  g_assert_cmpmem (g_bytes_get_data (mr_api_result_get_reply (result), NULL),
                   g_bytes_get_size (mr_api_result_get_reply (result)),
                   g_bytes_get_data (mr_api_result_get_reply (direct_result), NULL),
                   g_bytes_get_size (mr_api_result_get_reply (direct_result)));
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (sim), ==, 0);

  /* the window's quote comes with its problems and lines worked out on the
   * parse thread; the CLI's is read as it is, nothing more */
  g_assert_nonnull (direct->prepared_sheet);
  g_assert_null (quote->prepared_sheet);
  g_assert_null (quote->prepared_problems);
}

static void
test_place_and_list (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(MrOrder) order = make_order ("mailroom-demo.org", 2);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MrQuote) quote = NULL;
  g_autoptr(MrPage) page = NULL;
  g_autoptr(GPtrArray) cancelled = NULL;
  g_autoptr(GError) error = NULL;
  MrOrderedAccount *account;
  const char *emails[2] = { NULL, NULL };
  gboolean found = FALSE;

  mr_api_client_place_order_async (client, order, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  quote = mr_api_client_place_order_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (quote);
  g_assert_false (quote->simulation);
  g_assert_true (quote->order_placed);
  g_assert_cmpuint (quote->revision, ==, mr_order_get_revision (order));
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (sim), ==, 1);

  /* orders */
  g_clear_object (&result);
  mr_api_client_list_orders_async (client, 10, NULL, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  page = mr_api_client_list_orders_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  for (guint i = 0; i < page->items->len; i++)
    {
      MrOrderRecord *record = g_ptr_array_index (page->items, i);

      if (g_str_equal (record->domain, "mailroom-demo.org"))
        found = TRUE;
    }
  g_assert_true (found);
  g_clear_pointer (&page, mr_page_free);

  /* accounts, one per page: the cursor is passed back verbatim */
  g_clear_object (&result);
  mr_api_client_list_accounts_async (client, 1, NULL, TRUE, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  page = mr_api_client_list_accounts_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_cmpuint (page->items->len, ==, 1);
  g_assert_nonnull (page->next_starting_after);
  account = g_ptr_array_index (page->items, 0);
  g_assert_cmpstr (account->domain, ==, "mailroom-demo.org");
  g_assert_nonnull (account->password);

  {
    g_autoptr(MrPage) next = NULL;
    MrOrderedAccount *second;

    g_clear_object (&result);
    mr_api_client_list_accounts_async (client, 1, page->next_starting_after, FALSE, NULL,
                                       mr_test_store_result_cb, &result);
    mr_test_wait_result (&result, WAIT_MS);
    next = mr_api_client_list_accounts_finish (client, result, &error);
    g_assert_no_error (error);
    g_assert_nonnull (next);
    g_assert_cmpuint (next->items->len, ==, 1);
    second = g_ptr_array_index (next->items, 0);
    g_assert_cmpstr (second->email, !=, account->email);
    g_assert_null (second->password);
  }

  /* cancel one of them */
  emails[0] = account->email;
  g_clear_object (&result);
  mr_api_client_cancel_accounts_async (client, emails, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  cancelled = mr_api_client_cancel_accounts_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cancelled);
  g_assert_cmpuint (cancelled->len, ==, 1);
  g_assert_cmpstr (((MrOrderedAccount *) g_ptr_array_index (cancelled, 0))->email, ==, emails[0]);
  g_assert_nonnull (((MrOrderedAccount *) g_ptr_array_index (cancelled, 0))->timestamp_cancelled);
}

/* Error classes */

static void
test_unauthorized (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, "no-such-key");
  g_autoptr(MrApiClient) keyless = mr_test_client_new (sim, NULL);
  g_autoptr(GError) error = NULL;

  error = list_orders_error (client);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (mr_api_error_get_status (error), ==, 401);
  g_assert_cmpstr (error->message, !=, "");
  /* the key is never part of what is reported */
  g_assert_null (strstr (error->message, "no-such-key"));
  g_clear_error (&error);

  mr_api_client_set_api_key (keyless, NULL);
  error = list_orders_error (keyless);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_UNAUTHORIZED);
}

static void
test_forbidden (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = NULL;
  g_autoptr(MrOrder) order = make_order ("mailroom-demo.com", 1);
  g_autoptr(GError) error = NULL;

  mr_sim_server_add_key (sim, "ro", "dfy_email_account_orders:read");
  client = mr_test_client_new (sim, "ro");

  error = place_error (client, order);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_FORBIDDEN);
  g_assert_cmpuint (mr_api_error_get_status (error), ==, 403);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (sim), ==, 0);
}

static void
test_payment_required (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(GError) error = NULL;

  mr_sim_server_set_has_plan (sim, FALSE);
  error = list_orders_error (client);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_PAYMENT_REQUIRED);
  g_assert_cmpuint (mr_api_error_get_status (error), ==, 402);
  g_assert_cmpstr (mr_api_error_get_server_error (error), ==, "Payment Required");
}

static void
test_not_found (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autofree char *url = g_strconcat (mr_sim_server_get_url (sim), "/no/such/prefix", NULL);
  g_autoptr(MrApiClient) client = client_for_url (url, MR_SIM_DEMO_KEY);
  g_autoptr(TinyServer) tiny = tiny_server_new (404, "<html>not here</html>");
  g_autoptr(MrApiClient) tiny_client = client_for_url (tiny->url, "k");
  g_autoptr(GError) error = NULL;

  error = list_orders_error (client);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_NOT_FOUND);
  g_assert_cmpuint (mr_api_error_get_status (error), ==, 404);
  g_clear_error (&error);

  /* a 404 that is not the API's envelope is still a 404 */
  error = list_orders_error (tiny_client);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_NOT_FOUND);
  g_assert_cmpuint (mr_api_error_get_status (error), ==, 404);
}

static void
test_rate_limited (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  const char * const domains[] = { "mailroom-demo.com", NULL };

  mr_sim_server_set_rate_limits (sim, 1, 0);

  mr_api_client_check_domains_async (client, domains, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  results = mr_api_client_check_domains_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);

  error = check_error (client, domains);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (mr_api_error_get_status (error), ==, 429);
  /* the simulator says when the minute is over */
  g_assert_cmpint (mr_api_error_get_retry_after (error), >, 0);
  g_assert_cmpint (mr_api_error_get_retry_after (error), <=, 60);
}

static void
test_retry_after (void)
{
  g_autoptr(TinyServer) tiny = NULL;
  g_autoptr(MrApiClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = NULL;
  g_autofree char *date = NULL;
  const char *envelope =
    "{\"statusCode\":429,\"error\":\"Too Many Requests\",\"message\":\"Slow down, please\"}";

  tiny = tiny_server_new (429, envelope);
  client = client_for_url (tiny->url, "the-key");

  /* seconds */
  tiny->retry_after = g_strdup ("7");
  error = list_orders_error (client);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_RATE_LIMITED);
  g_assert_cmpint (mr_api_error_get_retry_after (error), ==, 7);
  g_assert_cmpstr (error->message, ==, "Slow down, please");
  g_clear_error (&error);

  /* an HTTP date two minutes ahead */
  later = g_date_time_add_seconds (now, 120);
  date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  g_free (tiny->retry_after);
  tiny->retry_after = g_strdup (date);
  error = list_orders_error (client);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_RATE_LIMITED);
  g_assert_cmpint (mr_api_error_get_retry_after (error), >, 60);
  g_assert_cmpint (mr_api_error_get_retry_after (error), <=, 121);
  g_clear_error (&error);

  /* none */
  g_clear_pointer (&tiny->retry_after, g_free);
  error = list_orders_error (client);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_RATE_LIMITED);
  g_assert_cmpint (mr_api_error_get_retry_after (error), ==, -1);

  /* what went over the wire */
  g_assert_cmpstr (tiny->last_authorization, ==, "Bearer the-key");
  g_assert_cmpstr (tiny->last_user_agent, ==, "Mailroom/" PACKAGE_VERSION);
}

static void
test_server_error (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(GError) error = NULL;

  mr_sim_server_inject_fault (sim, PATH_ORDERS, MR_SIM_FAULT_SERVER_ERROR, 1);
  error = list_orders_error (client);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_SERVER);
  g_assert_cmpuint (mr_api_error_get_status (error), ==, 500);
  g_clear_error (&error);

  /* the fault was for one request only */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(MrPage) page = NULL;

    mr_api_client_list_orders_async (client, 0, NULL, NULL, mr_test_store_result_cb, &result);
    mr_test_wait_result (&result, WAIT_MS);
    page = mr_api_client_list_orders_finish (client, result, &error);
    g_assert_no_error (error);
    g_assert_nonnull (page);
  }
}

static void
test_malformed (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(GError) error = NULL;
  const char * const domains[] = { "mailroom-demo.com", NULL };

  mr_sim_server_inject_fault (sim, PATH_CHECK, MR_SIM_FAULT_MALFORMED, 1);
  error = check_error (client, domains);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_PARSE);
}

static void
test_place_server_error (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(MrOrder) order = make_order ("mailroom-demo.com", 1);
  g_autoptr(GError) error = NULL;

  mr_sim_server_inject_fault (sim, PATH_ORDERS, MR_SIM_FAULT_SERVER_ERROR, 1);
  error = place_error (client, order);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_RESULT_UNKNOWN);
  g_assert_cmpuint (mr_api_error_get_status (error), ==, 500);
  g_assert_cmpuint (mr_sim_server_get_n_requests (sim, PATH_ORDERS), ==, 1);
  g_clear_error (&error);

  mr_sim_server_inject_fault (sim, PATH_ORDERS, MR_SIM_FAULT_MALFORMED, 1);
  error = place_error (client, order);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_RESULT_UNKNOWN);
  g_assert_cmpuint (mr_sim_server_get_n_requests (sim, PATH_ORDERS), ==, 2);
}

static void
test_place_dropped (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(MrOrder) order = make_order ("mailroom-demo.com", 1);
  g_autoptr(GError) error = NULL;

  /* a kept-alive connection first, so a careless client could reuse and resend */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(MrQuote) quote = NULL;

    mr_api_client_simulate_order_async (client, order, NULL, mr_test_store_result_cb, &result);
    mr_test_wait_result (&result, WAIT_MS);
    quote = mr_api_client_simulate_order_finish (client, result, &error);
    g_assert_no_error (error);
  }

  mr_sim_server_inject_fault (sim, PATH_ORDERS, MR_SIM_FAULT_DROP, 5);
  error = place_error (client, order);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_RESULT_UNKNOWN);
  /* the simulation and exactly one placing request */
  g_assert_cmpuint (mr_sim_server_get_n_requests (sim, PATH_ORDERS), ==, 2);
}

static void
test_dropped_read (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(GError) error = NULL;

  mr_sim_server_inject_fault (sim, PATH_ORDERS, MR_SIM_FAULT_DROP, 5);
  error = list_orders_error (client);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_NETWORK);
}

static void
test_refused (void)
{
  g_autoptr(TinyServer) tiny = tiny_server_new (200, "{}");
  g_autofree char *url = g_strdup (tiny->url);
  g_autoptr(MrApiClient) client = NULL;
  g_autoptr(MrOrder) order = make_order ("mailroom-demo.com", 1);
  g_autoptr(GError) error = NULL;

  /* nothing listens on that port any more */
  g_clear_pointer (&tiny, tiny_server_free);
  client = client_for_url (url, "k");

  error = list_orders_error (client);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_NETWORK);
  g_clear_error (&error);

  /* the order never left: not placed, not unknown */
  error = place_error (client, order);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_NETWORK);
}

static void
test_timeout (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(MrOrder) order = make_order ("mailroom-demo.com", 1);
  g_autoptr(GError) error = NULL;

  mr_api_client_set_timeout (client, 1);
  mr_sim_server_set_latency (sim, 3000);

  error = list_orders_error (client);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_TIMEOUT);
  g_clear_error (&error);

  /* placing: the request left, so the outcome is unknown */
  error = place_error (client, order);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_RESULT_UNKNOWN);
}

static void
test_reply_size (void)
{
  g_autoptr(TinyServer) tiny = tiny_server_new (200, "{}");
  g_autoptr(MrApiClient) client = client_for_url (tiny->url, "k");
  g_autoptr(GError) error = NULL;

  /* known length, over the default cap of 4 MiB */
  tiny_server_set_big_body (tiny, 5 * 1024 * 1024, FALSE);
  error = list_orders_error (client);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* streamed with no length: stopped while reading */
  tiny_server_set_big_body (tiny, 512 * 1024, TRUE);
  mr_api_client_set_max_reply_size (client, 64 * 1024);
  error = list_orders_error (client);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* under the cap the body is read and parsed: not a size error */
  tiny_server_set_big_body (tiny, 32 * 1024, TRUE);
  error = list_orders_error (client);
  g_assert_false (g_error_matches (error, MR_API_ERROR, MR_API_ERROR_TOO_LARGE));
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_PARSE);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(MrOrder) order = make_order ("mailroom-demo.com", 1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MrQuote) quote = NULL;
  g_autoptr(MrPage) page = NULL;
  g_autoptr(GError) error = NULL;

  mr_sim_server_set_latency (sim, 2000);

  /* in flight */
  mr_api_client_list_orders_async (client, 0, NULL, cancellable, mr_test_store_result_cb, &result);
  g_timeout_add (100, cancel_cb, cancellable);
  mr_test_wait_result (&result, WAIT_MS);
  page = mr_api_client_list_orders_finish (client, result, &error);
  g_assert_null (page);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* before it left: nothing placed, plain cancellation */
  g_cancellable_cancel (cancelled);
  g_clear_object (&result);
  mr_api_client_place_order_async (client, order, cancelled, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  quote = mr_api_client_place_order_finish (client, result, &error);
  g_assert_null (quote);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (sim), ==, 0);
}

/* A real server is reached through the proxy the system's settings name */
static void
test_proxy_for_real_server (void)
{
  g_autoptr(TestProxy) proxy = test_proxy_new ();
  g_autoptr(MrApiClient) client = client_for_url ("https://api.mailroom-proxy-test.invalid",
                                                  "sk-test-proxy-key");
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  guint lookups = test_proxy_n_lookups;

  error = list_orders_error (client);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_NETWORK);

  g_assert_cmpuint (test_proxy_n_lookups, >, lookups);
  head = test_proxy_dup_head (proxy);
  g_assert_nonnull (head);
  g_assert_true (g_str_has_prefix (head, "CONNECT api.mailroom-proxy-test.invalid:443 HTTP/1."));
  /* the key only travels inside the tunnel, never to the proxy */
  g_assert_null (strstr (head, "sk-test-proxy-key"));
}

/* A server on this computer is reached directly, proxy or not */
static void
test_proxy_not_for_loopback (void)
{
  g_autoptr(TestProxy) proxy = test_proxy_new ();
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(MrOrder) order = make_order ("mailroom-demo.com", 2);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MrQuote) quote = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  guint lookups = test_proxy_n_lookups;

  mr_api_client_simulate_order_async (client, order, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  quote = mr_api_client_simulate_order_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (quote);

  g_assert_cmpuint (test_proxy_n_lookups, ==, lookups);
  head = test_proxy_dup_head (proxy);
  g_assert_null (head);
}

int
main (int   argc,
      char *argv[])
{
  GIOExtensionPoint *point;

  /* before GIO picks its default proxy resolver: ours */
  g_setenv ("GIO_USE_PROXY_RESOLVER", TEST_PROXY_RESOLVER_NAME, TRUE);
  point = g_io_extension_point_register (G_PROXY_RESOLVER_EXTENSION_POINT_NAME);
  g_io_extension_point_set_required_type (point, G_TYPE_PROXY_RESOLVER);
  g_io_extension_point_implement (G_PROXY_RESOLVER_EXTENSION_POINT_NAME,
                                  test_proxy_resolver_get_type (), TEST_PROXY_RESOLVER_NAME, 0);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mr/api-client/url/check", test_url_check);
  g_test_add_func ("/mr/api-client/url/insecure-refused", test_insecure_refused);
  g_test_add_func ("/mr/api-client/properties", test_properties);
  g_test_add_func ("/mr/api-client/check-domains", test_check_domains);
  g_test_add_func ("/mr/api-client/check-domains/too-many", test_check_too_many);
  g_test_add_func ("/mr/api-client/similar-domains", test_similar_domains);
  g_test_add_func ("/mr/api-client/prewarmed-domains", test_prewarmed_domains);
  g_test_add_func ("/mr/api-client/simulate-order", test_simulate_order);
  g_test_add_func ("/mr/api-client/simulate-body", test_simulate_body);
  g_test_add_func ("/mr/api-client/place-and-list", test_place_and_list);
  g_test_add_func ("/mr/api-client/error/unauthorized", test_unauthorized);
  g_test_add_func ("/mr/api-client/error/forbidden", test_forbidden);
  g_test_add_func ("/mr/api-client/error/payment-required", test_payment_required);
  g_test_add_func ("/mr/api-client/error/not-found", test_not_found);
  g_test_add_func ("/mr/api-client/error/rate-limited", test_rate_limited);
  g_test_add_func ("/mr/api-client/error/retry-after", test_retry_after);
  g_test_add_func ("/mr/api-client/error/server", test_server_error);
  g_test_add_func ("/mr/api-client/error/malformed", test_malformed);
  g_test_add_func ("/mr/api-client/error/refused", test_refused);
  g_test_add_func ("/mr/api-client/error/dropped", test_dropped_read);
  g_test_add_func ("/mr/api-client/error/timeout", test_timeout);
  g_test_add_func ("/mr/api-client/error/too-large", test_reply_size);
  g_test_add_func ("/mr/api-client/place/server-error", test_place_server_error);
  g_test_add_func ("/mr/api-client/place/dropped", test_place_dropped);
  g_test_add_func ("/mr/api-client/cancel", test_cancel);
  g_test_add_func ("/mr/api-client/proxy/real-server", test_proxy_for_real_server);
  g_test_add_func ("/mr/api-client/proxy/not-for-loopback", test_proxy_not_for_loopback);

  return g_test_run ();
}
