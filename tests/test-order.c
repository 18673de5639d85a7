/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "mr-domain-name.h"
#include "mr-order.h"

/* Counts what an order says about itself while one edit happens */
typedef struct
{
  MrOrder *order;
  guint64  start;
  guint    n_changed;
  guint    n_revision_notify;
  guint64  revision_in_changed;
  GString *items_changed;  /* "pos,removed,added;" */
} Watch;

static void
order_changed_cb (MrOrder *order,
                  Watch   *watch)
{
  watch->n_changed++;
  watch->revision_in_changed = mr_order_get_revision (order);
}

static void
revision_notify_cb (MrOrder    *order,
                    GParamSpec *pspec,
                    Watch      *watch)
{
  watch->n_revision_notify++;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *watch)
{
  g_string_append_printf (watch->items_changed, "%u,%u,%u;", position, removed, added);
}

static void
watch_start (Watch   *watch,
             MrOrder *order)
{
  watch->order = order;
  watch->items_changed = g_string_new (NULL);
  g_signal_connect (order, "changed", G_CALLBACK (order_changed_cb), watch);
  g_signal_connect (order, "notify::revision", G_CALLBACK (revision_notify_cb), watch);
  g_signal_connect (order, "items-changed", G_CALLBACK (items_changed_cb), watch);
  watch->start = mr_order_get_revision (order);
}

static void
watch_reset (Watch *watch)
{
  watch->start = mr_order_get_revision (watch->order);
  watch->n_changed = 0;
  watch->n_revision_notify = 0;
  watch->revision_in_changed = 0;
  g_string_truncate (watch->items_changed, 0);
}

static void
watch_stop (Watch *watch)
{
  g_signal_handlers_disconnect_by_data (watch->order, watch);
  g_string_free (watch->items_changed, TRUE);
}

/* exactly one bump, one notify, one "changed" seeing the new revision */
static void
assert_one_edit (Watch *watch)
{
  guint64 now = mr_order_get_revision (watch->order);

  g_assert_cmpuint (now, ==, watch->start + 1);
  g_assert_cmpuint (watch->n_changed, ==, 1);
  g_assert_cmpuint (watch->n_revision_notify, ==, 1);
  g_assert_cmpuint (watch->revision_in_changed, ==, now);
}

static void
assert_no_edit (Watch *watch)
{
  g_assert_cmpuint (mr_order_get_revision (watch->order), ==, watch->start);
  g_assert_cmpuint (watch->n_changed, ==, 0);
  g_assert_cmpuint (watch->n_revision_notify, ==, 0);
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static MrOrderItem *
item_with_accounts (const char *domain,
                    guint       n)
{
  MrOrderItem *item = mr_order_item_new (domain);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("user%u", i);
      g_autoptr(MrAccount) account = mr_account_new ("Jane", "Doe", prefix);

      mr_order_item_append_account (item, account);
    }

  return item;
}

static void
test_revision_order_edits (void)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrderItem) a = item_with_accounts ("a.com", 1);
  g_autoptr(MrOrderItem) b = item_with_accounts ("b.com", 2);
  g_autoptr(MrOrderItem) c = item_with_accounts ("c.com", 0);
  MrOrderItem *many[3];
  Watch watch = { 0 };

  g_assert_cmpuint (mr_order_get_revision (order), ==, 0);
  watch_start (&watch, order);

  mr_order_append_item (order, a);
  assert_one_edit (&watch);
  g_assert_cmpstr (watch.items_changed->str, ==, "0,0,1;");

  watch_reset (&watch);
  mr_order_insert_item (order, 0, b);
  assert_one_edit (&watch);
  g_assert_cmpstr (watch.items_changed->str, ==, "0,0,1;");
  g_assert_true (mr_order_get_item (order, 0) == b);
  g_assert_true (mr_order_get_item (order, 1) == a);
  g_assert_cmpuint (mr_order_get_n_accounts (order), ==, 3);

  watch_reset (&watch);
  mr_order_insert_item (order, 1, c);
  assert_one_edit (&watch);
  g_assert_cmpstr (watch.items_changed->str, ==, "1,0,1;");

  watch_reset (&watch);
  mr_order_remove_item (order, 1);
  assert_one_edit (&watch);
  g_assert_cmpstr (watch.items_changed->str, ==, "1,1,0;");

  /* a removed item no longer moves the order */
  watch_reset (&watch);
  mr_order_item_set_domain (c, "d.com");
  assert_no_edit (&watch);

  watch_reset (&watch);
  mr_order_set_order_type (order, MR_ORDER_TYPE_EXTRA_ACCOUNTS);
  assert_one_edit (&watch);
  g_assert_cmpstr (watch.items_changed->str, ==, "");

  watch_reset (&watch);
  mr_order_set_order_type (order, MR_ORDER_TYPE_EXTRA_ACCOUNTS);
  assert_no_edit (&watch);

  watch_reset (&watch);
  many[0] = item_with_accounts ("x.com", 1);
  many[1] = item_with_accounts ("y.com", 1);
  many[2] = item_with_accounts ("z.com", 1);
  mr_order_append_items (order, many, 3);
  assert_one_edit (&watch);
  g_assert_cmpstr (watch.items_changed->str, ==, "2,0,3;");
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (order)), ==, 5);
  for (guint i = 0; i < 3; i++)
    g_object_unref (many[i]);

  watch_reset (&watch);
  mr_order_append_items (order, NULL, 0);
  assert_no_edit (&watch);

  watch_reset (&watch);
  mr_order_remove_all (order);
  assert_one_edit (&watch);
  g_assert_cmpstr (watch.items_changed->str, ==, "0,5,0;");
  g_assert_cmpuint (mr_order_get_n_accounts (order), ==, 0);

  watch_reset (&watch);
  mr_order_remove_all (order);
  assert_no_edit (&watch);

  watch_reset (&watch);
  mr_order_item_set_domain (a, "again.com");
  assert_no_edit (&watch);

  watch_stop (&watch);
}

static void
test_revision_item_edits (void)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrderItem) item = item_with_accounts ("a.com", 2);
  g_autoptr(MrAccount) extra = mr_account_new ("John", "Smith", "john");
  g_autoptr(GString) item_changes = g_string_new (NULL);
  Watch watch = { 0 };
  Watch item_watch = { 0 };
  guint n_item_changed = 0;

  mr_order_append_item (order, item);
  watch_start (&watch, order);
  item_watch.items_changed = item_changes;
  g_signal_connect (item, "items-changed", G_CALLBACK (items_changed_cb), &item_watch);

  mr_order_item_set_domain (item, "b.com");
  assert_one_edit (&watch);
  watch_reset (&watch);
  mr_order_item_set_domain (item, "b.com");
  assert_no_edit (&watch);

  mr_order_item_set_email_provider (item, MR_EMAIL_PROVIDER_AIRMAIL);
  assert_one_edit (&watch);
  watch_reset (&watch);
  mr_order_item_set_email_provider (item, MR_EMAIL_PROVIDER_AIRMAIL);
  assert_no_edit (&watch);

  mr_order_item_set_forwarding_domain (item, "fwd.com");
  assert_one_edit (&watch);
  watch_reset (&watch);
  mr_order_item_set_forwarding_domain (item, "fwd.com");
  assert_no_edit (&watch);

  g_object_set (item, "forwarding-domain", "other.com", NULL);
  assert_one_edit (&watch);
  watch_reset (&watch);

  mr_order_item_insert_account (item, 1, extra);
  assert_one_edit (&watch);
  g_assert_cmpstr (item_changes->str, ==, "1,0,1;");
  g_assert_true (mr_order_item_get_account (item, 1) == extra);
  g_assert_cmpuint (mr_order_get_n_accounts (order), ==, 3);
  watch_reset (&watch);
  g_string_truncate (item_changes, 0);

  mr_order_item_remove_account (item, 0);
  assert_one_edit (&watch);
  g_assert_cmpstr (item_changes->str, ==, "0,1,0;");
  watch_reset (&watch);
  g_string_truncate (item_changes, 0);

  /* the same item edit seen from the item */
  {
    gulong id = g_signal_connect (item, "changed", G_CALLBACK (count_cb), &n_item_changed);

    mr_order_item_add_from_names (item, "Ann Lee; Bob Ray");
    g_signal_handler_disconnect (item, id);
  }
  assert_one_edit (&watch);
  g_assert_cmpuint (n_item_changed, ==, 1);
  g_assert_cmpstr (item_changes->str, ==, "2,0,2;");
  watch_reset (&watch);
  g_string_truncate (item_changes, 0);

  mr_order_item_remove_all_accounts (item);
  assert_one_edit (&watch);
  g_assert_cmpstr (item_changes->str, ==, "0,4,0;");
  g_assert_cmpuint (mr_order_get_n_accounts (order), ==, 0);
  watch_reset (&watch);

  mr_order_item_remove_all_accounts (item);
  assert_no_edit (&watch);

  /* removed accounts are no longer watched */
  mr_account_set_first_name (extra, "Johnny");
  assert_no_edit (&watch);

  watch_stop (&watch);
}

static void
test_revision_account_edits (void)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrderItem) item = item_with_accounts ("a.com", 1);
  MrAccount *account = mr_order_item_get_account (item, 0);
  Watch watch = { 0 };

  mr_order_append_item (order, item);
  watch_start (&watch, order);

  mr_account_set_first_name (account, "Ann");
  assert_one_edit (&watch);
  watch_reset (&watch);

  mr_account_set_last_name (account, "Lee");
  assert_one_edit (&watch);
  watch_reset (&watch);

  mr_account_set_email_address_prefix (account, "ann.lee");
  assert_one_edit (&watch);
  watch_reset (&watch);

  g_object_set (account, "first-name", "Anna", NULL);
  assert_one_edit (&watch);
  watch_reset (&watch);

  mr_account_set_first_name (account, "Anna");
  mr_account_set_last_name (account, "Lee");
  mr_account_set_email_address_prefix (account, "ann.lee");
  g_object_set (account, "first-name", "Anna", NULL);
  assert_no_edit (&watch);

  /* NULL is the empty string */
  mr_account_set_last_name (account, NULL);
  assert_one_edit (&watch);
  g_assert_cmpstr (mr_account_get_last_name (account), ==, "");
  watch_reset (&watch);
  mr_account_set_last_name (account, "");
  assert_no_edit (&watch);

  watch_stop (&watch);
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_notify (void)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrderItem) item = mr_order_item_new ("a.com");
  g_autoptr(MrAccount) account = mr_account_new ("A", "B", "ab");
  guint n_items = 0, n_accounts = 0, n_type = 0, n_domain = 0, n_item_accounts = 0;
  guint n_first = 0;
  guint value = 0;

  g_signal_connect (order, "notify::n-items", G_CALLBACK (notify_count_cb), &n_items);
  g_signal_connect (order, "notify::n-accounts", G_CALLBACK (notify_count_cb), &n_accounts);
  g_signal_connect (order, "notify::order-type", G_CALLBACK (notify_count_cb), &n_type);
  g_signal_connect (item, "notify::domain", G_CALLBACK (notify_count_cb), &n_domain);
  g_signal_connect (item, "notify::n-accounts", G_CALLBACK (notify_count_cb), &n_item_accounts);
  g_signal_connect (account, "notify::first-name", G_CALLBACK (notify_count_cb), &n_first);

  mr_order_append_item (order, item);
  g_assert_cmpuint (n_items, ==, 1);
  g_assert_cmpuint (n_accounts, ==, 0);

  mr_order_item_append_account (item, account);
  g_assert_cmpuint (n_item_accounts, ==, 1);
  g_assert_cmpuint (n_accounts, ==, 1);
  g_object_get (order, "n-accounts", &value, NULL);
  g_assert_cmpuint (value, ==, 1);
  g_object_get (item, "n-accounts", &value, NULL);
  g_assert_cmpuint (value, ==, 1);

  mr_account_set_first_name (account, "C");
  mr_account_set_first_name (account, "C");
  g_assert_cmpuint (n_first, ==, 1);
  g_assert_cmpuint (n_accounts, ==, 1);

  mr_order_item_set_domain (item, "b.com");
  mr_order_item_set_domain (item, "b.com");
  g_assert_cmpuint (n_domain, ==, 1);

  g_object_set (order, "order-type", MR_ORDER_TYPE_PRE_WARMED_UP, NULL);
  g_object_set (order, "order-type", MR_ORDER_TYPE_PRE_WARMED_UP, NULL);
  g_assert_cmpuint (n_type, ==, 1);
  g_assert_cmpint (mr_order_get_order_type (order), ==, MR_ORDER_TYPE_PRE_WARMED_UP);
}

static void
test_list_model (void)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrderItem) item = item_with_accounts ("a.com", 2);
  g_autoptr(MrOrderItem) got_item = NULL;
  g_autoptr(MrAccount) got_account = NULL;

  mr_order_append_item (order, item);

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (order)) == MR_TYPE_ORDER_ITEM);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (item)) == MR_TYPE_ACCOUNT);

  got_item = g_list_model_get_item (G_LIST_MODEL (order), 0);
  g_assert_true (got_item == item);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (order), 1));

  got_account = g_list_model_get_item (G_LIST_MODEL (item), 1);
  g_assert_cmpstr (mr_account_get_email_address_prefix (got_account), ==, "user1");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (item), 2));
  g_assert_null (mr_order_item_get_account (item, 2));
  g_assert_null (mr_order_get_item (order, 1));
}

static void
test_find_item (void)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrderItem) a = mr_order_item_new ("example.com");
  g_autoptr(MrOrderItem) b = mr_order_item_new ("https://www.xn--bcher-kva.com/");
  g_autoptr(MrOrderItem) c = mr_order_item_new ("not a domain");
  guint position = 99;

  mr_order_append_item (order, a);
  mr_order_append_item (order, b);
  mr_order_append_item (order, c);

  g_assert_true (mr_order_find_item (order, "EXAMPLE.com.", &position) == a);
  g_assert_cmpuint (position, ==, 0);
  g_assert_true (mr_order_find_item (order, "Bücher.com", &position) == b);
  g_assert_cmpuint (position, ==, 1);
  g_assert_true (mr_order_find_item (order, " Not A Domain ", &position) == c);
  g_assert_cmpuint (position, ==, 2);

  position = 99;
  g_assert_null (mr_order_find_item (order, "example.org", &position));
  g_assert_cmpuint (position, ==, 99);
  g_assert_null (mr_order_find_item (order, "", NULL));
}

static void
test_copy (void)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_EXTRA_ACCOUNTS);
  g_autoptr(MrOrderItem) item = item_with_accounts ("a.com", 2);
  g_autoptr(MrOrder) copy = NULL;
  MrOrderItem *copy_item;
  MrAccount *copy_account;
  guint64 revision;

  mr_order_item_set_email_provider (item, MR_EMAIL_PROVIDER_AIRMAIL);
  mr_order_item_set_forwarding_domain (item, "fwd.com");
  mr_order_append_item (order, item);
  revision = mr_order_get_revision (order);

  copy = mr_order_copy (order);
  g_assert_cmpint (mr_order_get_order_type (copy), ==, MR_ORDER_TYPE_EXTRA_ACCOUNTS);
  g_assert_cmpuint (mr_order_get_revision (copy), ==, revision);
  g_assert_cmpuint (mr_order_get_n_items (copy), ==, 1);
  g_assert_cmpuint (mr_order_get_n_accounts (copy), ==, 2);

  copy_item = mr_order_get_item (copy, 0);
  g_assert_true (copy_item != item);
  g_assert_cmpstr (mr_order_item_get_domain (copy_item), ==, "a.com");
  g_assert_cmpint (mr_order_item_get_email_provider (copy_item), ==, MR_EMAIL_PROVIDER_AIRMAIL);
  g_assert_cmpstr (mr_order_item_get_forwarding_domain (copy_item), ==, "fwd.com");

  copy_account = mr_order_item_get_account (copy_item, 1);
  g_assert_true (copy_account != mr_order_item_get_account (item, 1));
  g_assert_cmpstr (mr_account_get_first_name (copy_account), ==, "Jane");
  g_assert_cmpstr (mr_account_get_last_name (copy_account), ==, "Doe");
  g_assert_cmpstr (mr_account_get_email_address_prefix (copy_account), ==, "user1");

  /* deep: edits of the copy leave the original alone, and the copy counts them */
  mr_account_set_first_name (copy_account, "Other");
  g_assert_cmpstr (mr_account_get_first_name (mr_order_item_get_account (item, 1)), ==, "Jane");
  g_assert_cmpuint (mr_order_get_revision (order), ==, revision);
  g_assert_cmpuint (mr_order_get_revision (copy), ==, revision + 1);

  mr_account_set_first_name (mr_order_item_get_account (item, 1), "Changed");
  g_assert_cmpstr (mr_account_get_first_name (copy_account), ==, "Other");
}

static void
test_assign (void)
{
  g_autoptr(MrOrder) source = mr_order_new (MR_ORDER_TYPE_PRE_WARMED_UP);
  g_autoptr(MrOrder) target = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrderItem) old_item = item_with_accounts ("old.com", 1);
  g_autoptr(MrOrderItem) x = item_with_accounts ("x.com", 1);
  g_autoptr(MrOrderItem) y = item_with_accounts ("y.com", 3);
  Watch watch = { 0 };
  MrOrderItem *assigned;

  mr_order_append_item (source, x);
  mr_order_append_item (source, y);
  mr_order_append_item (target, old_item);

  watch_start (&watch, target);
  mr_order_assign (target, source);
  assert_one_edit (&watch);
  g_assert_cmpstr (watch.items_changed->str, ==, "0,1,2;");
  g_assert_cmpint (mr_order_get_order_type (target), ==, MR_ORDER_TYPE_PRE_WARMED_UP);
  g_assert_cmpuint (mr_order_get_n_items (target), ==, 2);
  g_assert_cmpuint (mr_order_get_n_accounts (target), ==, 4);

  assigned = mr_order_get_item (target, 1);
  g_assert_true (assigned != y);
  g_assert_cmpstr (mr_order_item_get_domain (assigned), ==, "y.com");

  /* the old item is let go; the new copies are watched */
  watch_reset (&watch);
  mr_order_item_set_domain (old_item, "gone.com");
  mr_order_item_set_domain (y, "source-only.com");
  assert_no_edit (&watch);
  mr_account_set_last_name (mr_order_item_get_account (assigned, 2), "Roe");
  assert_one_edit (&watch);

  watch_reset (&watch);
  mr_order_assign (target, target);
  assert_no_edit (&watch);

  watch_stop (&watch);
}

static void
test_add_from_names (void)
{
  g_autoptr(MrOrderItem) item = mr_order_item_new ("a.com");
  g_autoptr(MrAccount) existing = mr_account_new ("Jane", "Doe", "Jane.Doe");
  static const struct {
    const char *first;
    const char *last;
    const char *prefix;
  } expected[] = {
    { "Jane", "Doe", "Jane.Doe" },
    { "Jane", "Doe", "jane.doe2" },
    { "John", "Smith", "john.smith" },
    { "Cher", "", "cher" },
    { "Mary", "Ann Lee", "mary.ann-lee" },
  };

  mr_order_item_append_account (item, existing);

  g_assert_cmpuint (mr_order_item_add_from_names (item, ""), ==, 0);
  g_assert_cmpuint (mr_order_item_add_from_names (item, " ,;\n "), ==, 0);
  g_assert_cmpuint (mr_order_item_add_from_names (item, NULL), ==, 0);

  /* Google stops at 5: the sixth and seventh names are dropped */
  g_assert_cmpuint (mr_order_item_add_from_names (item,
                                                  "  Jane  Doe , John Smith;\nCher\r\n"
                                                  "Mary Ann Lee, Extra One, Extra Two"), ==, 4);
  g_assert_cmpuint (mr_order_item_get_n_accounts (item), ==, 5);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      MrAccount *account = mr_order_item_get_account (item, i);

      g_assert_cmpstr (mr_account_get_first_name (account), ==, expected[i].first);
      g_assert_cmpstr (mr_account_get_last_name (account), ==, expected[i].last);
      g_assert_cmpstr (mr_account_get_email_address_prefix (account), ==, expected[i].prefix);
    }

  g_assert_cmpuint (mr_order_item_add_from_names (item, "Late Comer"), ==, 0);
  g_assert_cmpuint (mr_order_item_get_n_accounts (item), ==, 5);
}

static void
test_add_from_names_unique (void)
{
  g_autoptr(MrOrderItem) item = mr_order_item_new ("a.com");
  const char *expected[] = { "jose.nunez", "jose.nunez2", "jose.nunez3" };

  mr_order_item_set_email_provider (item, MR_EMAIL_PROVIDER_MICROSOFT);
  g_assert_cmpuint (mr_order_item_add_from_names (item, "José Núñez, Jose Nunez\nJOSÉ NÚÑEZ"),
                    ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (mr_account_get_email_address_prefix (mr_order_item_get_account (item, i)),
                     ==, expected[i]);
}

static void
test_add_from_names_microsoft_limit (void)
{
  g_autoptr(MrOrderItem) item = mr_order_item_new ("a.com");
  g_autoptr(GString) names = g_string_new (NULL);

  mr_order_item_set_email_provider (item, MR_EMAIL_PROVIDER_MICROSOFT);
  for (guint i = 0; i < 120; i++)
    g_string_append_printf (names, "Person%u Test\n", i);

  g_assert_cmpuint (mr_order_item_add_from_names (item, names->str), ==, 100);
  g_assert_cmpstr (mr_account_get_email_address_prefix (mr_order_item_get_account (item, 99)),
                   ==, "person99.test");
}

static void
test_can_add_account (void)
{
  static const struct {
    MrEmailProvider  provider;
    guint            max;
    const char      *reason;
  } rows[] = {
    { MR_EMAIL_PROVIDER_GOOGLE, 5, "Google allows at most 5 mailboxes per domain" },
    { MR_EMAIL_PROVIDER_AIRMAIL, 5, "AirMail allows at most 5 mailboxes per domain" },
    { MR_EMAIL_PROVIDER_MICROSOFT, 100, "Microsoft allows at most 100 mailboxes per domain" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(MrOrderItem) item = item_with_accounts ("a.com", rows[i].max - 1);
      g_autoptr(MrAccount) last = mr_account_new ("Last", "One", "last");
      g_autofree char *reason = NULL;

      mr_order_item_set_email_provider (item, rows[i].provider);
      g_assert_cmpuint (mr_email_provider_max_accounts (rows[i].provider), ==, rows[i].max);

      g_assert_true (mr_order_item_can_add_account (item, &reason));
      g_assert_null (reason);

      mr_order_item_append_account (item, last);
      g_assert_false (mr_order_item_can_add_account (item, &reason));
      g_assert_cmpstr (reason, ==, rows[i].reason);
      g_assert_false (mr_order_item_can_add_account (item, NULL));

      mr_order_item_remove_account (item, 0);
      g_assert_true (mr_order_item_can_add_account (item, NULL));
    }
}

static void
test_types (void)
{
  MrOrderType type = MR_ORDER_TYPE_DFY;
  g_autoptr(GEnumClass) klass = g_type_class_ref (MR_TYPE_EMAIL_PROVIDER);

  g_assert_cmpstr (mr_order_type_to_string (MR_ORDER_TYPE_DFY), ==, "dfy");
  g_assert_cmpstr (mr_order_type_to_string (MR_ORDER_TYPE_PRE_WARMED_UP), ==, "pre_warmed_up");
  g_assert_cmpstr (mr_order_type_to_string (MR_ORDER_TYPE_EXTRA_ACCOUNTS), ==, "extra_accounts");
  g_assert_true (mr_order_type_from_string ("extra_accounts", &type));
  g_assert_cmpint (type, ==, MR_ORDER_TYPE_EXTRA_ACCOUNTS);
  g_assert_true (mr_order_type_from_string ("pre_warmed_up", &type));
  g_assert_cmpint (type, ==, MR_ORDER_TYPE_PRE_WARMED_UP);
  g_assert_false (mr_order_type_from_string ("DFY", &type));
  g_assert_false (mr_order_type_from_string (NULL, &type));
  g_assert_cmpint (type, ==, MR_ORDER_TYPE_PRE_WARMED_UP);

  g_assert_true (mr_email_provider_is_valid (1));
  g_assert_true (mr_email_provider_is_valid (3));
  g_assert_false (mr_email_provider_is_valid (0));
  g_assert_false (mr_email_provider_is_valid (4));
  g_assert_cmpuint (mr_email_provider_min_accounts (MR_EMAIL_PROVIDER_GOOGLE), ==, 1);
  g_assert_cmpuint (mr_email_provider_min_accounts (MR_EMAIL_PROVIDER_AIRMAIL), ==, 1);
  g_assert_cmpuint (mr_email_provider_min_accounts (MR_EMAIL_PROVIDER_MICROSOFT), ==, 50);
  g_assert_cmpstr (mr_email_provider_to_label (MR_EMAIL_PROVIDER_MICROSOFT), ==, "Microsoft");
  g_assert_cmpstr (mr_order_type_to_label (MR_ORDER_TYPE_DFY), !=, "");

  g_assert_cmpint (g_enum_get_value (klass, 3)->value, ==, MR_EMAIL_PROVIDER_MICROSOFT);
  g_assert_null (g_enum_get_value (klass, 0));
  g_assert_true (G_TYPE_IS_ENUM (MR_TYPE_ORDER_TYPE));
}

static void
test_no_leaks (void)
{
  MrOrder *order = mr_order_new (MR_ORDER_TYPE_DFY);
  MrOrderItem *item = item_with_accounts ("a.com", 3);
  MrAccount *account = g_object_ref (mr_order_item_get_account (item, 0));
  MrOrder *copy;

  mr_order_append_item (order, item);
  copy = mr_order_copy (order);
  g_object_unref (item);

  g_assert_finalize_object (copy);
  g_assert_finalize_object (order);
  /* the account outlives its item; editing it must not touch freed objects */
  mr_account_set_first_name (account, "Still here");
  g_assert_finalize_object (account);
}

/* Accounts appended together are one edit of the item and of its order */
static void
test_append_accounts (void)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrderItem) item = mr_order_item_new ("acme-outreach.com");
  MrAccount *accounts[3];
  guint item_changed = 0;
  guint n_accounts_notify = 0;
  Watch watch = { 0 };

  mr_order_append_item (order, item);
  mr_order_item_add_from_names (item, "Jane Doe");
  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("mailbox%u", i);

      accounts[i] = mr_account_new ("Ada", "Lovelace", prefix);
    }

  g_signal_connect (item, "changed", G_CALLBACK (count_cb), &item_changed);
  g_signal_connect (item, "notify::n-accounts", G_CALLBACK (notify_count_cb), &n_accounts_notify);
  watch_start (&watch, order);
  {
    GString *item_items = watch.items_changed;

    watch.items_changed = g_string_new (NULL);
    g_signal_handlers_disconnect_by_func (order, items_changed_cb, &watch);
    g_signal_connect (item, "items-changed", G_CALLBACK (items_changed_cb), &watch);
    g_string_free (item_items, TRUE);
  }

  mr_order_item_append_accounts (item, accounts, G_N_ELEMENTS (accounts));

  g_assert_cmpstr (watch.items_changed->str, ==, "1,0,3;");
  g_assert_cmpuint (item_changed, ==, 1);
  g_assert_cmpuint (n_accounts_notify, ==, 1);
  assert_one_edit (&watch);
  g_assert_cmpuint (mr_order_item_get_n_accounts (item), ==, 4);
  g_assert_true (mr_order_item_get_account (item, 3) == accounts[2]);

  /* an appended account's own edits still reach the order */
  watch_reset (&watch);
  mr_account_set_first_name (accounts[1], "Grace");
  assert_one_edit (&watch);

  /* nothing appended, nothing said */
  watch_reset (&watch);
  mr_order_item_append_accounts (item, NULL, 0);
  assert_no_edit (&watch);

  g_signal_handlers_disconnect_by_data (item, &watch);
  g_signal_handlers_disconnect_by_data (item, &item_changed);
  g_signal_handlers_disconnect_by_data (item, &n_accounts_notify);
  watch_stop (&watch);
  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    g_object_unref (accounts[i]);
}

static void
changes_cb (gpointer  object,
          guint    *count)
{
  (*count)++;
}

/* An order that removes its first item whenever it changes */
static void
remove_first_cb (MrOrder *order)
{
  if (mr_order_get_n_items (order) > 0)
    mr_order_remove_item (order, 0);
}

/* A child held by two parents (or twice by one) tells each of them; one
 * that let go is not told, in the middle of a change or after it. */
static void
test_shared_children (void)
{
  g_autoptr(MrOrder) first = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrder) second = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrderItem) item = item_with_accounts ("a.com", 1);
  g_autoptr(MrOrderItem) other = mr_order_item_new ("b.com");
  MrAccount *account = mr_order_item_get_account (item, 0);
  guint64 first_revision, second_revision;
  guint item_changes = 0, other_changes = 0, account_changes = 0;

  mr_order_append_item (first, item);
  mr_order_append_item (second, item);
  mr_order_item_append_account (other, account);
  g_signal_connect (item, "changed", G_CALLBACK (changes_cb), &item_changes);
  g_signal_connect (other, "changed", G_CALLBACK (changes_cb), &other_changes);
  g_signal_connect (account, "changed", G_CALLBACK (changes_cb), &account_changes);
  first_revision = mr_order_get_revision (first);
  second_revision = mr_order_get_revision (second);

  mr_account_set_first_name (account, "Ann");
  g_assert_cmpuint (account_changes, ==, 1);
  g_assert_cmpuint (item_changes, ==, 1);
  g_assert_cmpuint (other_changes, ==, 1);
  g_assert_cmpuint (mr_order_get_revision (first), ==, first_revision + 1);
  g_assert_cmpuint (mr_order_get_revision (second), ==, second_revision + 1);

  /* let go: no longer told */
  mr_order_item_remove_account (other, 0);
  mr_order_remove_item (second, 0);
  other_changes = 0;
  first_revision = mr_order_get_revision (first);
  second_revision = mr_order_get_revision (second);
  mr_account_set_last_name (account, "Lee");
  g_assert_cmpuint (other_changes, ==, 0);
  g_assert_cmpuint (mr_order_get_revision (first), ==, first_revision + 1);
  g_assert_cmpuint (mr_order_get_revision (second), ==, second_revision);

  /* twice in one order: told twice */
  mr_order_append_item (first, item);
  first_revision = mr_order_get_revision (first);
  mr_order_item_set_domain (item, "c.com");
  g_assert_cmpuint (mr_order_get_revision (first), ==, first_revision + 2);

  /* an order that drops the item while the item is changing: the item
   * lives through its own change, and a gone owner is not told again */
  mr_order_remove_all (first);
  mr_order_append_item (first, item);
  mr_order_append_item (second, item);
  g_signal_connect (first, "changed", G_CALLBACK (remove_first_cb), NULL);
  item_changes = 0;
  second_revision = mr_order_get_revision (second);
  mr_account_set_first_name (account, "Anna");
  g_assert_cmpuint (mr_order_get_n_items (first), ==, 0);
  g_assert_cmpuint (mr_order_get_revision (second), ==, second_revision + 1);
  g_assert_cmpuint (item_changes, ==, 1);
  g_signal_handlers_disconnect_by_func (first, remove_first_cb, NULL);

  /* an account outliving its item is no longer watched by it */
  {
    g_autoptr(MrAccount) kept = g_object_ref (account);

    mr_order_remove_all (second);
    g_clear_object (&item);
    mr_account_set_first_name (kept, "Ada");
    g_assert_cmpuint (account_changes, ==, 4);
  }
}

/* the key of an item's domain is worked out once a name, and follows
 * the name */
static void
test_item_domain_key (void)
{
  const char *names[] = {
    "example.com", "  WWW.Example.COM ", "https://shop.example.org/path", "bücher.com",
    "a..com", "bad_char.com", "", "Example.com.",
  };
  g_autoptr(MrOrderItem) item = mr_order_item_new ("example.com");
  const char *key;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *expected = mr_domain_key (names[i]);
      g_autofree char *ascii = mr_domain_name_normalize (names[i], NULL);

      mr_order_item_set_domain (item, names[i]);
      key = mr_order_item_get_domain_key (item);
      g_assert_cmpstr (key, ==, expected);
      g_assert_cmpstr (mr_order_item_get_domain_ascii (item), ==, ascii);
      /* kept: the same string while the name stays */
      g_assert_true (mr_order_item_get_domain_key (item) == key);
    }

  mr_order_item_set_domain (item, "Example.org");
  g_assert_cmpstr (mr_order_item_get_domain_key (item), ==, "example.org");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mr/order/revision/order-edits", test_revision_order_edits);
  g_test_add_func ("/mr/order/revision/item-edits", test_revision_item_edits);
  g_test_add_func ("/mr/order/revision/account-edits", test_revision_account_edits);
  g_test_add_func ("/mr/order/notify", test_notify);
  g_test_add_func ("/mr/order/list-model", test_list_model);
  g_test_add_func ("/mr/order/find-item", test_find_item);
  g_test_add_func ("/mr/order/copy", test_copy);
  g_test_add_func ("/mr/order/assign", test_assign);
  g_test_add_func ("/mr/order/add-from-names", test_add_from_names);
  g_test_add_func ("/mr/order/append-accounts", test_append_accounts);
  g_test_add_func ("/mr/order/add-from-names/unique", test_add_from_names_unique);
  g_test_add_func ("/mr/order/add-from-names/microsoft-limit", test_add_from_names_microsoft_limit);
  g_test_add_func ("/mr/order/can-add-account", test_can_add_account);
  g_test_add_func ("/mr/order/types", test_types);
  g_test_add_func ("/mr/order/no-leaks", test_no_leaks);
  g_test_add_func ("/mr/order/shared-children", test_shared_children);
  g_test_add_func ("/mr/order/item-domain-key", test_item_domain_key);

  return g_test_run ();
}
