package dev.svcinfra.mongo;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of keyset pagination: the documents and, when more follow, the cursor that fetches the
 * next page.
 *
 * <pre>{@code
 * KeysetPage page = users.page(100, List.of("-created_at"), null);
 * while (page.nextCursor().isPresent()) { page = users.page(100, List.of("-created_at"), page.nextCursor().get()); }
 * }</pre>
 *
 * @param items the documents of this page, {@code _id} exposed as {@code id}
 * @param nextCursor the cursor of the next page; empty on the last page
 * @since 0.1
 */
public record KeysetPage(List<Map<String, Object>> items, Optional<String> nextCursor) {
  public KeysetPage {
    items = List.copyOf(items);
  }
}
