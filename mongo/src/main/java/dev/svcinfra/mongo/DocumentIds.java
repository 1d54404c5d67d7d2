package dev.svcinfra.mongo;

import com.mongodb.client.model.Filters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * How documents are seen from outside: {@code _id} becomes a string {@code id} (the hex form of an
 * ObjectId, or the string id itself), and an id received as text finds the document whichever of
 * the two it was stored as.
 */
final class DocumentIds {
  static final String MONGO_ID = "_id";
  static final String ID = "id";

  private DocumentIds() {}

  /**
   * Matches {@code id}: a 24-hex-digit text may be an ObjectId or a string id that happens to look
   * like one, so both are asked for; any other text can only be a string id.
   */
  static Bson filter(String id) {
    if (ObjectId.isValid(id)) {
      return Filters.in(MONGO_ID, List.of(new ObjectId(id), id));
    }
    return Filters.eq(MONGO_ID, id);
  }

  /** The string form of a stored {@code _id}. */
  static String expose(Object id) {
    return id instanceof ObjectId oid ? oid.toHexString() : String.valueOf(id);
  }

  /** The document as callers see it: {@code id} first, then the other fields in stored order. */
  static Map<String, Object> toOutput(Document doc) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(ID, expose(doc.get(MONGO_ID)));
    for (Map.Entry<String, Object> e : doc.entrySet()) {
      if (!e.getKey().equals(MONGO_ID)) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }
}
