package dev.svcinfra.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.codecs.configuration.CodecConfigurationException;

/**
 * Translates driver exceptions at the repository boundary, by error code and exception type, never
 * by message text: duplicate keys (11000 and the other codes the driver files under {@link
 * ErrorCategory#DUPLICATE_KEY}) become {@link DuplicateKeyException}, an unreachable server {@link
 * MongoUnavailableException}, a value without a codec {@link MongoValidationException}. Anything
 * else passes through unchanged.
 */
final class MongoErrors {
  private MongoErrors() {}

  static <T> T translate(String collection, Supplier<T> operation) {
    try {
      return operation.get();
    } catch (MongoServerException e) {
      if (ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
        throw new DuplicateKeyException(collection, keyValue(e), e);
      }
      throw e;
    } catch (MongoTimeoutException | MongoSocketException e) {
      throw new MongoUnavailableException(
          "MongoDB did not answer for "
              + collection
              + " ("
              + e.getClass().getSimpleName()
              + "); check that the server is reachable",
          e);
    } catch (CodecConfigurationException e) {
      throw new MongoValidationException(
          "body", "a value cannot be stored in MongoDB: " + e.getMessage());
    }
  }

  /** The {@code keyValue} the server attaches to duplicate-key errors (4.4 and newer). */
  private static Map<String, Object> keyValue(MongoServerException e) {
    BsonDocument details = null;
    if (e instanceof MongoWriteException write) {
      details = write.getError().getDetails();
    } else if (e instanceof MongoCommandException command) {
      details = command.getResponse();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    if (details != null && details.isDocument("keyValue")) {
      for (Map.Entry<String, BsonValue> entry : details.getDocument("keyValue").entrySet()) {
        out.put(entry.getKey(), entry.getValue());
      }
    }
    return out;
  }
}
