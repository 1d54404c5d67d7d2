package dev.svcinfra.mongo;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.conversions.Bson;
import org.bson.io.BasicOutputBuffer;

/**
 * The opaque {@code next_cursor} of keyset pagination: the sort order it was made for and the sort
 * values of the last document returned, as BSON (so dates, ObjectIds and decimals keep their
 * types), in URL-safe base64. A cursor made for another order is refused rather than silently
 * giving a wrong page.
 */
final class KeysetCursor {
  static final String PARAMETER = "cursor";
  private static final DocumentCodec CODEC =
      new DocumentCodec(MongoClientSettings.getDefaultCodecRegistry());

  private KeysetCursor() {}

  /** The cursor pointing just after {@code last} in {@code order}. */
  static String encode(SortOrder order, Document last) {
    List<Object> values = new ArrayList<>();
    for (SortOrder.Key key : order.keys()) {
      values.add(last.get(key.field()));
    }
    Document cursor = new Document("o", order.render()).append("v", values);
    BasicOutputBuffer buffer = new BasicOutputBuffer();
    try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
      CODEC.encode(writer, cursor, EncoderContext.builder().build());
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.toByteArray());
  }

  /**
   * The filter for documents after the cursor's position. MongoDB sorts a missing or null value
   * before every other value, and {@code $gt}/{@code $lt} never match null, so null positions get
   * their own branches instead of a comparison that would silently drop documents.
   *
   * @throws MongoValidationException when the cursor is malformed or made for another order
   */
  static Bson after(String cursor, SortOrder order) {
    List<Object> values = decode(cursor, order);
    List<Bson> branches = new ArrayList<>();
    for (int i = 0; i < order.keys().size(); i++) {
      List<Bson> ties = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        ties.add(Filters.eq(order.keys().get(j).field(), values.get(j)));
      }
      Optional<Bson> beyond = beyond(order.keys().get(i), values.get(i));
      if (beyond.isPresent()) {
        ties.add(beyond.get());
        branches.add(ties.size() == 1 ? ties.get(0) : Filters.and(ties));
      }
    }
    return branches.size() == 1 ? branches.get(0) : Filters.or(branches);
  }

  /** Values of {@code key} strictly after {@code value} in the key's direction, if any exist. */
  private static Optional<Bson> beyond(SortOrder.Key key, Object value) {
    String field = key.field();
    if (key.ascending()) {
      return Optional.of(value == null ? Filters.ne(field, null) : Filters.gt(field, value));
    }
    return value == null
        ? Optional.empty()
        : Optional.of(Filters.or(Filters.lt(field, value), Filters.eq(field, null)));
  }

  private static List<Object> decode(String cursor, SortOrder order) {
    Document decoded;
    try {
      decoded = new RawBsonDocument(Base64.getUrlDecoder().decode(cursor.strip())).decode(CODEC);
    } catch (RuntimeException e) {
      throw new MongoValidationException(PARAMETER, "the cursor is not one this service issued");
    }
    Object madeFor = decoded.get("o");
    if (!order.render().equals(madeFor)) {
      throw new MongoValidationException(
          PARAMETER,
          "the cursor was issued for order '"
              + madeFor
              + "', not '"
              + order.render()
              + "'; start again without a cursor");
    }
    List<?> values = decoded.get("v", List.class);
    if (values == null || values.size() != order.keys().size()) {
      throw new MongoValidationException(PARAMETER, "the cursor is not one this service issued");
    }
    return new ArrayList<>(values);
  }
}
