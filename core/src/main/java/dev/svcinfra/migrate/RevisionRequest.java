package dev.svcinfra.migrate;

import dev.svcinfra.sql.dialect.Dialect;
import java.util.List;
import java.util.Optional;

/**
 * How {@code sql revision} writes a revision: an explicit id ({@code --rev-id}), the parent ({@code
 * --head}, default the single head), the dialects to render sections for and lint against ({@code
 * --dialects}), whether to compare models with the database ({@code --autogenerate}), and whether
 * to print instead of writing ({@code --sql}).
 *
 * <pre>{@code
 * migrations.revision("add users", RevisionRequest.empty().withRevId("0001"));
 * }</pre>
 *
 * @since 0.1
 */
public record RevisionRequest(
    Optional<String> revId,
    Optional<String> head,
    List<Dialect> dialects,
    boolean autogenerate,
    boolean printOnly) {

  public RevisionRequest {
    dialects = List.copyOf(dialects);
  }

  public static RevisionRequest empty() {
    return new RevisionRequest(Optional.empty(), Optional.empty(), List.of(), false, false);
  }

  public RevisionRequest withRevId(String id) {
    return new RevisionRequest(Optional.ofNullable(id), head, dialects, autogenerate, printOnly);
  }

  public RevisionRequest withHead(String rev) {
    return new RevisionRequest(revId, Optional.ofNullable(rev), dialects, autogenerate, printOnly);
  }

  public RevisionRequest withDialects(List<Dialect> value) {
    return new RevisionRequest(revId, head, value, autogenerate, printOnly);
  }

  public RevisionRequest withAutogenerate(boolean value) {
    return new RevisionRequest(revId, head, dialects, value, printOnly);
  }

  public RevisionRequest withPrintOnly(boolean value) {
    return new RevisionRequest(revId, head, dialects, autogenerate, value);
  }
}
