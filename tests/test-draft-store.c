/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "mailroom-core.h"

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("mr-draft-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static MrOrder *
make_messy_order (void)
{
  MrOrder *order = mr_order_new (MR_ORDER_TYPE_DFY);
  MrOrderItem *items[2];

  /* Everything exactly as a person might leave it mid-edit: spaces,
   * capitals, an invalid name, an empty first name, an IDN. */
  items[0] = mr_order_item_new ("  Bücher-Shop.COM ");
  mr_order_item_set_email_provider (items[0], MR_EMAIL_PROVIDER_AIRMAIL);
  mr_order_item_set_forwarding_domain (items[0], "shop.example ");
  mr_order_item_append_account (items[0], g_object_new (MR_TYPE_ACCOUNT, NULL));
  mr_order_item_append_account (items[0], mr_account_new ("Zoë", " O'Neil", "zoe..x"));
  items[1] = mr_order_item_new ("not a domain");
  mr_order_append_items (order, items, 2);
  g_object_unref (items[0]);
  g_object_unref (items[1]);

  return order;
}

static void
assert_orders_equal (MrOrder *a,
                     MrOrder *b)
{
  g_assert_cmpint (mr_order_get_order_type (a), ==, mr_order_get_order_type (b));
  g_assert_cmpuint (mr_order_get_n_items (a), ==, mr_order_get_n_items (b));

  for (guint i = 0; i < mr_order_get_n_items (a); i++)
    {
      MrOrderItem *ia = mr_order_get_item (a, i);
      MrOrderItem *ib = mr_order_get_item (b, i);

      g_assert_cmpstr (mr_order_item_get_domain (ia), ==, mr_order_item_get_domain (ib));
      g_assert_cmpint (mr_order_item_get_email_provider (ia), ==,
                       mr_order_item_get_email_provider (ib));
      g_assert_cmpstr (mr_order_item_get_forwarding_domain (ia) ?: "", ==,
                       mr_order_item_get_forwarding_domain (ib) ?: "");
      g_assert_cmpuint (mr_order_item_get_n_accounts (ia), ==, mr_order_item_get_n_accounts (ib));

      for (guint j = 0; j < mr_order_item_get_n_accounts (ia); j++)
        {
          MrAccount *aa = mr_order_item_get_account (ia, j);
          MrAccount *ab = mr_order_item_get_account (ib, j);

          g_assert_cmpstr (mr_account_get_first_name (aa) ?: "", ==,
                           mr_account_get_first_name (ab) ?: "");
          g_assert_cmpstr (mr_account_get_last_name (aa) ?: "", ==,
                           mr_account_get_last_name (ab) ?: "");
          g_assert_cmpstr (mr_account_get_email_address_prefix (aa) ?: "", ==,
                           mr_account_get_email_address_prefix (ab) ?: "");
        }
    }
}

static void
test_round_trip_exact (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autofree char *path = g_build_filename (sub, "draft.json", NULL);
  g_autoptr(MrOrder) order = make_messy_order ();
  g_autoptr(MrOrder) loaded = NULL;

  g_assert_true (mr_draft_store_save (order, path, &error));
  g_assert_no_error (error);

  loaded = mr_draft_store_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  assert_orders_equal (order, loaded);

  g_unlink (path);
  g_rmdir (sub);
  g_rmdir (dir);
}

static void
test_order_types (void)
{
  const MrOrderType types[] = {
    MR_ORDER_TYPE_DFY, MR_ORDER_TYPE_PRE_WARMED_UP, MR_ORDER_TYPE_EXTRA_ACCOUNTS,
  };
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "draft.json", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MrOrder) order = mr_order_new (types[i]);
      g_autoptr(MrOrder) loaded = NULL;
      g_autoptr(MrOrderItem) item = mr_order_item_new ("getacme.org");

      mr_order_append_item (order, item);
      g_assert_true (mr_draft_store_save (order, path, &error));
      loaded = mr_draft_store_load (path, &error);
      g_assert_no_error (error);
      assert_orders_equal (order, loaded);
    }

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_empty_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "draft.json", NULL);
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrder) loaded = NULL;

  g_assert_true (mr_draft_store_save (order, path, &error));
  loaded = mr_draft_store_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mr_order_get_n_items (loaded), ==, 0);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "none.json", NULL);
  g_autoptr(MrOrder) loaded = mr_draft_store_load (path, &error);

  g_assert_null (loaded);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_rmdir (dir);
}

static void
test_corrupt_is_kept (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "draft.json", NULL);
  g_autoptr(MrOrder) loaded = NULL;
  g_autofree char *after = NULL;
  const char *garbage = "{\"items\": [ {\"domain\": 12";

  g_file_set_contents (path, garbage, -1, &error);
  g_assert_no_error (error);

  loaded = mr_draft_store_load (path, &error);
  g_assert_null (loaded);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, path));

  /* Loading never destroys what is there. */
  g_file_get_contents (path, &after, NULL, NULL);
  g_assert_cmpstr (after, ==, garbage);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_overwrite_leaves_no_temp (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "draft.json", NULL);
  g_autoptr(MrOrder) order = make_messy_order ();
  g_autoptr(GDir) d = NULL;
  guint n_files = 0;
  GStatBuf st;

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(MrOrderItem) item = mr_order_item_new ("more.com");

      mr_order_append_item (order, item);
      g_assert_true (mr_draft_store_save (order, path, &error));
      g_assert_no_error (error);
    }

  d = g_dir_open (dir, 0, &error);
  while (g_dir_read_name (d) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  /* A draft holds names; only its owner reads it. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  g_unlink (path);
  g_rmdir (dir);
}

/* The writer's worker: an older snapshot never lands after a newer one.
 * A large snapshot takes far longer to write than a small one, so writes
 * that ran side by side would end with the large, older one on disk. */
static GBytes *
make_snapshot (guint round,
               gsize size)
{
  g_autoptr(GString) text = g_string_sized_new (size + 64);

  g_string_append_printf (text, "{\"round\": %u, \"padding\": \"", round);
  while (text->len < size)
    g_string_append (text, "0123456789abcdef");
  g_string_append (text, "\"}");

  return g_string_free_to_bytes (g_steal_pointer (&text));
}

static void
assert_file_holds (const char *path,
                   GBytes     *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

static void
test_writer_newest_wins (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "draft.json", NULL);
  g_autoptr(MrDraftWriter) writer = mr_draft_writer_new (path);
  guint n_queued = 0;

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GBytes) older = make_snapshot (round, 64 * 1024 * 1024);
      g_autoptr(GBytes) middle = make_snapshot (round, 100);
      g_autoptr(GBytes) newest = make_snapshot (round, 10);

      mr_draft_writer_queue (writer, older);
      mr_draft_writer_queue (writer, middle);
      mr_draft_writer_queue (writer, newest);
      n_queued += 3;
      mr_draft_writer_wait (writer);

      g_assert_false (mr_draft_writer_get_busy (writer));
      assert_file_holds (path, newest);
    }

  /* a snapshot queued behind a running write replaces an older one waiting */
  g_assert_cmpuint (mr_draft_writer_get_n_written (writer), <, n_queued);
  g_assert_cmpuint (mr_draft_writer_get_n_written (writer), >=, 3);
  g_assert_cmpuint (mr_draft_store_remove_leftovers (path), ==, 0);

  g_unlink (path);
  g_rmdir (dir);
}

/* Closing writes on the calling thread: after what the worker runs */
static void
test_writer_write_now_lands_last (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "draft.json", NULL);
  g_autoptr(MrDraftWriter) writer = mr_draft_writer_new (path);

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) older = make_snapshot (round, 64 * 1024 * 1024);
      g_autoptr(GBytes) newest = make_snapshot (round, 10);

      mr_draft_writer_queue (writer, older);
      g_usleep (2000);
      g_assert_true (mr_draft_writer_write_now (writer, newest, &error));
      g_assert_no_error (error);
      assert_file_holds (path, newest);

      /* and nothing older comes after it */
      mr_draft_writer_wait (writer);
      assert_file_holds (path, newest);
    }

  g_unlink (path);
  g_rmdir (dir);
}

static void
failed_cb (MrDraftWriter *writer,
           const GError  *error,
           GError       **out)
{
  g_assert_null (*out);
  *out = g_error_copy (error);
}

static gboolean
error_set (gpointer data)
{
  return *(GError **) data != NULL;
}

static void
test_writer_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) reported = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *blocker = g_build_filename (dir, "file", NULL);
  g_autofree char *path = g_build_filename (blocker, "draft.json", NULL);
  g_autoptr(MrDraftWriter) writer = mr_draft_writer_new (path);
  g_autoptr(GBytes) snapshot = make_snapshot (0, 10);
  guint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_file_set_contents (blocker, "", 0, &error);
  g_assert_no_error (error);
  g_signal_connect (writer, "failed", G_CALLBACK (failed_cb), &reported);

  /* in the main context, after the worker's write */
  mr_draft_writer_queue (writer, snapshot);
  while (!error_set (&reported) && (guint64) g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (reported, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_nonnull (strstr (reported->message, dir));

  g_assert_false (mr_draft_writer_write_now (writer, snapshot, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);

  g_unlink (blocker);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mr/draft/round-trip-exact", test_round_trip_exact);
  g_test_add_func ("/mr/draft/order-types", test_order_types);
  g_test_add_func ("/mr/draft/empty", test_empty_order);
  g_test_add_func ("/mr/draft/missing", test_missing);
  g_test_add_func ("/mr/draft/corrupt-is-kept", test_corrupt_is_kept);
  g_test_add_func ("/mr/draft/overwrite-leaves-no-temp", test_overwrite_leaves_no_temp);
  g_test_add_func ("/mr/draft/writer/newest-wins", test_writer_newest_wins);
  g_test_add_func ("/mr/draft/writer/write-now-lands-last", test_writer_write_now_lands_last);
  g_test_add_func ("/mr/draft/writer/error", test_writer_error);

  return g_test_run ();
}
