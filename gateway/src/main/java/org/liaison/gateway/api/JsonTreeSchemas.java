package org.liaison.gateway.api;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Iterator;
import tools.jackson.databind.JsonNode;

/**
 * Describes a notice carried as a plain JSON tree (Jackson 3's {@link JsonNode}) as a JSON object.
 * Without it the document generator, which introspects with Jackson 2, takes the tree classes for
 * beans and fails on their setters. It has to be the first converter asked, since the generator's
 * own first converter already introspects the type.
 */
final class JsonTreeSchemas implements ModelConverter {

  @Override
  public Schema<?> resolve(
      AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
    Class<?> raw = rawClass(type.getType());
    if (raw != null && JsonNode.class.isAssignableFrom(raw)) {
      return new ObjectSchema()
          .description(
              "A case notice as plain JSON: the fields of the CaseNotice Avro schema, named as"
                  + " there");
    }
    return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    if (type instanceof com.fasterxml.jackson.databind.JavaType j) {
      return j.getRawClass();
    }
    return null;
  }
}
