package dev.svcinfra.sql.repo;

import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.internal.MappedColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A parsed, allowlisted sort: {@code "-created_at"} is created_at descending. */
record OrderBy(MappedColumn column, boolean descending) {

  /**
   * Parses {@code fields} against the allowlist; any unknown or disallowed field is an error naming
   * it and the allowed ones, never silently ignored.
   */
  static List<OrderBy> parse(List<String> fields, Map<String, MappedColumn> allowed) {
    List<OrderBy> out = new ArrayList<>();
    List<FieldError> errors = new ArrayList<>();
    for (String raw : fields == null ? List.<String>of() : fields) {
      String f = raw == null ? "" : raw.trim();
      boolean desc = f.startsWith("-");
      String name = desc || f.startsWith("+") ? f.substring(1) : f;
      MappedColumn column = allowed.get(name);
      if (column == null) {
        errors.add(
            new FieldError(
                "order_by",
                FieldError.NOT_ALLOWED,
                "cannot order by '"
                    + name
                    + "'; allowed: "
                    + allowed.keySet().stream().sorted().toList()));
      } else {
        out.add(new OrderBy(column, desc));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return out;
  }
}
