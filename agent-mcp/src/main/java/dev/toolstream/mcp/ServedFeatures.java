package dev.toolstream.mcp;

import dev.toolstream.mcp.internal.ServedResults;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.Role;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Resources and prompts as the SDK's server serves them. */
final class ServedFeatures {
  private ServedFeatures() {}

  static McpServerFeatures.AsyncResourceSpecification resource(McpResource resource) {
    McpSchema.Resource listed =
        McpSchema.Resource.builder()
            .uri(resource.uri())
            .name(resource.name())
            .mimeType(resource.mimeType())
            .build();
    return new McpServerFeatures.AsyncResourceSpecification(
        listed,
        (exchange, request) ->
            Mono.fromCallable(
                    () -> {
                      String content = resource.read();
                      McpSchema.ResourceContents contents =
                          resource.isBinary()
                              ? McpSchema.BlobResourceContents.builder(resource.uri(), content)
                                  .mimeType(resource.mimeType())
                                  .build()
                              : McpSchema.TextResourceContents.builder(resource.uri(), content)
                                  .mimeType(resource.mimeType())
                                  .build();
                      return McpSchema.ReadResourceResult.builder(List.of(contents)).build();
                    })
                .subscribeOn(Schedulers.boundedElastic()));
  }

  static McpServerFeatures.AsyncPromptSpecification prompt(McpPrompt prompt) {
    List<McpSchema.PromptArgument> arguments = new ArrayList<>();
    for (McpPrompt.Argument argument : prompt.arguments()) {
      arguments.add(
          McpSchema.PromptArgument.builder(argument.name())
              .description(argument.description())
              .required(argument.required())
              .build());
    }
    McpSchema.Prompt listed =
        McpSchema.Prompt.builder(prompt.name())
            .description(prompt.description())
            .arguments(arguments)
            .build();
    return new McpServerFeatures.AsyncPromptSpecification(
        listed,
        (exchange, request) ->
            Mono.fromCallable(() -> fill(prompt, request))
                .subscribeOn(Schedulers.boundedElastic()));
  }

  private static McpSchema.GetPromptResult fill(
      McpPrompt prompt, McpSchema.GetPromptRequest request) {
    Map<String, String> given = new LinkedHashMap<>();
    if (request.arguments() != null) {
      request.arguments().forEach((key, value) -> given.put(key, String.valueOf(value)));
    }
    List<MessageParam> messages;
    try {
      messages = prompt.messages(given);
    } catch (IllegalArgumentException e) {
      throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(e.getMessage()).build();
    }
    List<McpSchema.PromptMessage> filled = new ArrayList<>();
    for (MessageParam message : messages) {
      McpSchema.Role role =
          message.role() == Role.ASSISTANT ? McpSchema.Role.ASSISTANT : McpSchema.Role.USER;
      for (ContentBlock block : message.content()) {
        filled.add(new McpSchema.PromptMessage(role, ServedResults.content(block)));
      }
    }
    return McpSchema.GetPromptResult.builder(filled).description(prompt.description()).build();
  }
}
