package org.automoe.core.arch;

/**
 * The searched fields of an architecture, named by their key in HAT/AutoMoE subtransformer YAML
 * files so that every error message points at the line a user has to fix.
 */
public enum ArchField {
  ENCODER_EMBED_DIM("encoder-embed-dim-subtransformer"),
  DECODER_EMBED_DIM("decoder-embed-dim-subtransformer"),
  ENCODER_LAYERS("encoder-layer-num-subtransformer"),
  DECODER_LAYERS("decoder-layer-num-subtransformer"),
  ENCODER_FFN("encoder-ffn-embed-dim-all-subtransformer"),
  DECODER_FFN("decoder-ffn-embed-dim-all-subtransformer"),
  ENCODER_SELF_HEADS("encoder-self-attention-heads-all-subtransformer"),
  DECODER_SELF_HEADS("decoder-self-attention-heads-all-subtransformer"),
  DECODER_CROSS_HEADS("decoder-ende-attention-heads-all-subtransformer"),
  DECODER_ENC_DEC_ATTENTION("decoder-arbitrary-ende-attn-all-subtransformer"),
  ENCODER_EXPERTS("encoder-n-experts"),
  DECODER_EXPERTS("decoder-n-experts"),
  ENCODER_EXPERT_WIDTHS("encoder-each-expert-ffn-dim-listoflist"),
  DECODER_EXPERT_WIDTHS("decoder-each-expert-ffn-dim-listoflist"),
  ENCODER_EXPERTS_TO_ROUTE("encoder-num-experts-to-route"),
  DECODER_EXPERTS_TO_ROUTE("decoder-num-experts-to-route");

  private final String key;

  ArchField(String key) {
    this.key = key;
  }

  /** The YAML key. */
  public String key() {
    return key;
  }

  /** The key with a layer index, e.g. {@code encoder-n-experts[3]}. */
  public String at(int layer) {
    return key + "[" + layer + "]";
  }
}
