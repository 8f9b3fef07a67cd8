package io.screenalytics.vision.model;

/** Order of the three colour planes a model expects in its NCHW input tensor. */
public enum ChannelOrder {
  /** Blue, green, red: OpenCV's native order (YuNet, RetinaFace). */
  BGR,
  /** Red, green, blue: PyTorch-trained embedders (fr_feature, MobileFaceNet, ArcFace) and SCRFD. */
  RGB
}
