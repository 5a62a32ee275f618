package org.liaison.gateway.api;

import java.util.List;
import org.liaison.gateway.store.QuarantineStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Records refused by a check, for administrators: {@code /api/v1/quarantine}. */
@RestController
@RequestMapping("/api/v1/quarantine")
public class QuarantineController {

  private final QuarantineStore quarantine;

  public QuarantineController(QuarantineStore quarantine) {
    this.quarantine = quarantine;
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  Views.Page<Views.Quarantined> list(
      Caller caller,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    if (page < 0 || size < 1 || size > 200) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST, "PARAMETER_INVALID", "page must be 0 or more and size 1 to 200");
    }
    var items =
        quarantine.list(List.of(caller.actingFor().value()), page, size).stream()
            .map(Views.Quarantined::of)
            .toList();
    return new Views.Page<>(page, size, items);
  }

  /** The record's bytes exactly as they arrived, for an administrator's investigation. */
  @GetMapping(path = "/{id}/raw", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
  ResponseEntity<byte[]> raw(Caller caller, @PathVariable long id) {
    return quarantine
        .find(id)
        .filter(q -> q.unitId().equals(caller.actingFor().value()))
        .map(
            q ->
                ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .body(q.rawBytes()))
        .orElseThrow(() -> ApiProblem.notFound("quarantined record " + id));
  }
}
