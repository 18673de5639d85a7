/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-sim"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "mr-sim-json.h"
#include "mr-sim-state.h"

static void
order_record_free (gpointer data)
{
  MrSimOrderRecord *self = data;

  g_free (self->id);
  g_free (self->workspace_id);
  g_free (self->domain);
  g_free (self->forwarding_domain);
  g_free (self);
}

static void
account_record_free (gpointer data)
{
  MrSimAccountRecord *self = data;

  g_free (self->id);
  g_free (self->workspace_id);
  g_free (self->domain);
  g_free (self->email);
  g_free (self->first_name);
  g_free (self->last_name);
  g_free (self->password);
  g_free (self);
}

MrSimState *
mr_sim_state_new (void)
{
  MrSimState *self = g_new0 (MrSimState, 1);

  self->orders = g_ptr_array_new_with_free_func (order_record_free);
  self->accounts = g_ptr_array_new_with_free_func (account_record_free);

  return self;
}

void
mr_sim_state_free (MrSimState *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->orders);
  g_ptr_array_unref (self->accounts);
  g_free (self->path);
  g_free (self);
}

void
mr_sim_state_clear (MrSimState *self)
{
  g_ptr_array_set_size (self->orders, 0);
  g_ptr_array_set_size (self->accounts, 0);
  mr_sim_state_save (self);
}

gint64
mr_sim_state_now (void)
{
  gint64 now = g_get_real_time ();

  return now - now % 1000;
}

static char *
make_password (void)
{
  static const char chars[] =
    "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%+";
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < 16; i++)
    g_string_append_c (out, chars[g_random_int_range (0, sizeof chars - 1)]);

  return g_string_free (out, FALSE);
}

MrSimOrderRecord *
mr_sim_state_add_order (MrSimState *self,
                        const char *workspace_id,
                        const char *domain,
                        const char *forwarding_domain,
                        int         email_provider,
                        gboolean    is_pre_warmed_up,
                        gint64      now)
{
  MrSimOrderRecord *record = g_new0 (MrSimOrderRecord, 1);

  record->id = g_uuid_string_random ();
  record->workspace_id = g_strdup (workspace_id);
  record->domain = g_strdup (domain);
  record->forwarding_domain = g_strdup (forwarding_domain);
  record->email_provider = email_provider;
  record->is_pre_warmed_up = is_pre_warmed_up;
  record->created = now;
  g_ptr_array_add (self->orders, record);

  return record;
}

MrSimAccountRecord *
mr_sim_state_add_account (MrSimState *self,
                          const char *workspace_id,
                          const char *domain,
                          const char *prefix,
                          const char *first_name,
                          const char *last_name,
                          int         email_provider,
                          gboolean    is_pre_warmed_up,
                          gint64      now)
{
  MrSimAccountRecord *record = g_new0 (MrSimAccountRecord, 1);
  g_autofree char *lower = g_ascii_strdown (prefix, -1);

  record->id = g_uuid_string_random ();
  record->workspace_id = g_strdup (workspace_id);
  record->domain = g_strdup (domain);
  record->email = g_strdup_printf ("%s@%s", lower, domain);
  record->email_provider = email_provider;
  record->first_name = g_strdup (first_name);
  record->last_name = g_strdup (last_name);
  record->is_pre_warmed_up = is_pre_warmed_up;
  record->password = make_password ();
  record->created = now;
  g_ptr_array_add (self->accounts, record);

  return record;
}

gboolean
mr_sim_state_domain_is_ordered (MrSimState *self,
                                const char *domain)
{
  for (guint i = 0; i < self->orders->len; i++)
    {
      MrSimOrderRecord *record = g_ptr_array_index (self->orders, i);

      if (g_str_equal (record->domain, domain))
        return TRUE;
    }

  return FALSE;
}

MrSimOrderRecord *
mr_sim_state_find_order (MrSimState *self,
                         const char *workspace_id,
                         const char *domain)
{
  for (guint i = self->orders->len; i > 0; i--)
    {
      MrSimOrderRecord *record = g_ptr_array_index (self->orders, i - 1);

      if (record->cancelled == 0 &&
          g_str_equal (record->workspace_id, workspace_id) &&
          g_str_equal (record->domain, domain))
        return record;
    }

  return NULL;
}

MrSimAccountRecord *
mr_sim_state_find_account (MrSimState *self,
                           const char *workspace_id,
                           const char *email)
{
  for (guint i = self->accounts->len; i > 0; i--)
    {
      MrSimAccountRecord *record = g_ptr_array_index (self->accounts, i - 1);

      if (g_str_equal (record->workspace_id, workspace_id) &&
          g_ascii_strcasecmp (record->email, email) == 0)
        return record;
    }

  return NULL;
}

guint
mr_sim_state_count_accounts (MrSimState *self,
                             const char *workspace_id,
                             const char *domain,
                             guint      *providers)
{
  guint n = 0;

  if (providers != NULL)
    *providers = 0;

  for (guint i = 0; i < self->accounts->len; i++)
    {
      MrSimAccountRecord *record = g_ptr_array_index (self->accounts, i);

      if (record->cancelled != 0 ||
          !g_str_equal (record->workspace_id, workspace_id) ||
          !g_str_equal (record->domain, domain))
        continue;

      n++;
      if (providers != NULL)
        *providers |= 1u << record->email_provider;
    }

  return n;
}

void
mr_sim_state_cancel_account (MrSimState         *self,
                             MrSimAccountRecord *account,
                             gint64              now)
{
  MrSimOrderRecord *order;

  if (account->cancelled != 0)
    return;

  account->cancelled = now;

  if (mr_sim_state_count_accounts (self, account->workspace_id, account->domain, NULL) == 0)
    {
      order = mr_sim_state_find_order (self, account->workspace_id, account->domain);
      if (order != NULL)
        order->cancelled = now;
    }
}

static char *
account_cursor (MrSimAccountRecord *record)
{
  g_autofree char *ts = mr_sim_json_timestamp (record->created);

  return g_strdup_printf ("%s:%s", record->id, ts);
}

static GPtrArray *
list_page (GPtrArray   *records,
           gboolean     accounts,
           const char  *workspace_id,
           guint        limit,
           const char  *starting_after,
           char       **next,
           GError     **error)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new ();
  g_autofree char *cursor_id = NULL;
  gint64 cursor_time = -1;
  gboolean started = starting_after == NULL;
  gboolean found = FALSE;
  guint i;

  *next = NULL;

  if (starting_after != NULL)
    {
      const char *colon = strchr (starting_after, ':');

      if (accounts && colon != NULL)
        {
          cursor_id = g_strndup (starting_after, colon - starting_after);
          cursor_time = mr_sim_json_parse_timestamp (colon + 1);
        }
      else
        {
          cursor_id = g_strdup (starting_after);
        }
    }

  /* Newest first: walk backwards from the last record added. */
  for (i = records->len; i > 0; i--)
    {
      gpointer record = g_ptr_array_index (records, i - 1);
      const char *ws;
      const char *id;
      gint64 created;

      if (accounts)
        {
          ws = ((MrSimAccountRecord *) record)->workspace_id;
          id = ((MrSimAccountRecord *) record)->id;
          created = ((MrSimAccountRecord *) record)->created;
        }
      else
        {
          ws = ((MrSimOrderRecord *) record)->workspace_id;
          id = ((MrSimOrderRecord *) record)->id;
          created = ((MrSimOrderRecord *) record)->created;
        }

      if (!g_str_equal (ws, workspace_id))
        continue;

      if (!started)
        {
          if (g_str_equal (id, cursor_id))
            {
              started = found = TRUE;
              continue;
            }
          /* The cursor's record is gone: fall back on its timestamp. */
          if (cursor_time > 0 && created < cursor_time)
            started = found = TRUE;
          else
            continue;
        }

      if (page->len == limit)
        {
          gpointer last = g_ptr_array_index (page, page->len - 1);

          if (accounts)
            *next = account_cursor (last);
          else
            *next = g_strdup (((MrSimOrderRecord *) last)->id);
          break;
        }

      g_ptr_array_add (page, record);
    }

  if (starting_after != NULL && !found && cursor_time <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "querystring/starting_after is not a valid cursor");
      return NULL;
    }

  return g_steal_pointer (&page);
}

GPtrArray *
mr_sim_state_list_orders (MrSimState  *self,
                          const char  *workspace_id,
                          guint        limit,
                          const char  *starting_after,
                          char       **next,
                          GError     **error)
{
  return list_page (self->orders, FALSE, workspace_id, limit, starting_after, next, error);
}

GPtrArray *
mr_sim_state_list_accounts (MrSimState  *self,
                            const char  *workspace_id,
                            guint        limit,
                            const char  *starting_after,
                            char       **next,
                            GError     **error)
{
  return list_page (self->accounts, TRUE, workspace_id, limit, starting_after, next, error);
}

/* State file */

static void
add_time (JsonBuilder *builder,
          const char  *member,
          gint64       time)
{
  json_builder_set_member_name (builder, member);
  if (time == 0)
    {
      json_builder_add_null_value (builder);
    }
  else
    {
      g_autofree char *ts = mr_sim_json_timestamp (time);

      json_builder_add_string_value (builder, ts);
    }
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

void
mr_sim_state_save (MrSimState *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize len;

  if (self->path == NULL)
    return;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);

  json_builder_set_member_name (builder, "orders");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->orders->len; i++)
    {
      MrSimOrderRecord *r = g_ptr_array_index (self->orders, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", r->id);
      add_string (builder, "workspace_id", r->workspace_id);
      add_string (builder, "domain", r->domain);
      add_string (builder, "forwarding_domain", r->forwarding_domain);
      json_builder_set_member_name (builder, "email_provider");
      json_builder_add_int_value (builder, r->email_provider);
      json_builder_set_member_name (builder, "is_pre_warmed_up");
      json_builder_add_boolean_value (builder, r->is_pre_warmed_up);
      add_time (builder, "timestamp_created", r->created);
      add_time (builder, "timestamp_cancelled", r->cancelled);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "accounts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->accounts->len; i++)
    {
      MrSimAccountRecord *r = g_ptr_array_index (self->accounts, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", r->id);
      add_string (builder, "workspace_id", r->workspace_id);
      add_string (builder, "domain", r->domain);
      add_string (builder, "email", r->email);
      json_builder_set_member_name (builder, "email_provider");
      json_builder_add_int_value (builder, r->email_provider);
      add_string (builder, "first_name", r->first_name);
      add_string (builder, "last_name", r->last_name);
      json_builder_set_member_name (builder, "is_pre_warmed_up");
      json_builder_add_boolean_value (builder, r->is_pre_warmed_up);
      add_string (builder, "password", r->password);
      add_time (builder, "timestamp_created", r->created);
      add_time (builder, "timestamp_cancelled", r->cancelled);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = mr_sim_json_to_string (root, &len);

  if (!g_file_set_contents (self->path, text, len, &error))
    g_warning ("Could not save the simulator state: %s", error->message);
}

static char *
dup_member (JsonObject *object,
            const char *member)
{
  return g_strdup (json_object_get_string_member_with_default (object, member, NULL));
}

static gint64
time_member (JsonObject *object,
             const char *member)
{
  gint64 t = mr_sim_json_parse_timestamp (json_object_get_string_member_with_default (object, member, NULL));

  return MAX (t, 0);
}

static gboolean
load_file (MrSimState  *self,
           const char  *path,
           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (order_record_free);
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (account_record_free);
  JsonNode *root;
  JsonArray *array;
  JsonObject *object;

  if (!json_parser_load_from_file (parser, path, error))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s is not a simulator state file", path);
      return FALSE;
    }
  object = json_node_get_object (root);

  array = mr_sim_json_get_array (object, "orders");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      MrSimOrderRecord *r;

      if (o == NULL || !json_object_has_member (o, "domain"))
        continue;

      r = g_new0 (MrSimOrderRecord, 1);
      r->id = dup_member (o, "id");
      if (r->id == NULL)
        r->id = g_uuid_string_random ();
      r->workspace_id = dup_member (o, "workspace_id");
      r->domain = dup_member (o, "domain");
      r->forwarding_domain = dup_member (o, "forwarding_domain");
      r->email_provider = (int) json_object_get_int_member_with_default (o, "email_provider", 1);
      r->is_pre_warmed_up = json_object_get_boolean_member_with_default (o, "is_pre_warmed_up", FALSE);
      r->created = time_member (o, "timestamp_created");
      r->cancelled = time_member (o, "timestamp_cancelled");
      if (r->workspace_id == NULL || r->domain == NULL)
        order_record_free (r);
      else
        g_ptr_array_add (orders, r);
    }

  array = mr_sim_json_get_array (object, "accounts");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      MrSimAccountRecord *r;

      if (o == NULL)
        continue;

      r = g_new0 (MrSimAccountRecord, 1);
      r->id = dup_member (o, "id");
      r->workspace_id = dup_member (o, "workspace_id");
      r->domain = dup_member (o, "domain");
      r->email = dup_member (o, "email");
      r->email_provider = (int) json_object_get_int_member_with_default (o, "email_provider", 1);
      r->first_name = dup_member (o, "first_name");
      r->last_name = dup_member (o, "last_name");
      r->is_pre_warmed_up = json_object_get_boolean_member_with_default (o, "is_pre_warmed_up", FALSE);
      r->password = dup_member (o, "password");
      r->created = time_member (o, "timestamp_created");
      r->cancelled = time_member (o, "timestamp_cancelled");
      if (r->id == NULL || r->workspace_id == NULL || r->domain == NULL || r->email == NULL ||
          r->first_name == NULL || r->last_name == NULL)
        account_record_free (r);
      else
        g_ptr_array_add (accounts, r);
    }

  g_ptr_array_unref (self->orders);
  self->orders = g_steal_pointer (&orders);
  g_ptr_array_unref (self->accounts);
  self->accounts = g_steal_pointer (&accounts);

  return TRUE;
}

gboolean
mr_sim_state_set_file (MrSimState  *self,
                       const char  *path,
                       GError     **error)
{
  g_clear_pointer (&self->path, g_free);

  if (path == NULL)
    return TRUE;

  if (g_file_test (path, G_FILE_TEST_EXISTS) && !load_file (self, path, error))
    return FALSE;

  self->path = g_strdup (path);
  mr_sim_state_save (self);

  return TRUE;
}
