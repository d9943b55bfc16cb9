;;; newsmark.el --- Newsmark articles and registries with eglot  -*- lexical-binding: t -*-

;; Runs the `newsmark lsp' language server through eglot (Emacs 29+) for
;; Newsmark articles (*.news.md) and actor registries (actors.yaml,
;; *.actors.yaml). eglot picks servers by major mode and then manages every
;; buffer of that mode in the project, so Newsmark files get modes of their
;; own, derived from markdown-mode and yaml-mode: other Markdown and YAML
;; files are left alone. Needs the markdown-mode and yaml-mode packages.
;;
;;   (add-to-list 'load-path "~/src/newsmark/editors/emacs")
;;   (require 'newsmark)

;;; Code:

(require 'markdown-mode)
(require 'yaml-mode)

(define-derived-mode newsmark-mode markdown-mode "Newsmark"
  "Newsmark articles (*.news.md): Markdown, plus the newsmark language server.")

(define-derived-mode newsmark-registry-mode yaml-mode "Newsmark-Registry"
  "Newsmark actor registries (actors.yaml, *.actors.yaml).")

(add-to-list 'auto-mode-alist '("\\.news\\.md\\'" . newsmark-mode))
(add-to-list 'auto-mode-alist '("[/.]actors\\.yaml\\'" . newsmark-registry-mode))

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '(((newsmark-mode :language-id "markdown")
                  (newsmark-registry-mode :language-id "yaml"))
                 . ("newsmark" "lsp"))))

(add-hook 'newsmark-mode-hook #'eglot-ensure)
(add-hook 'newsmark-registry-mode-hook #'eglot-ensure)

(provide 'newsmark)
;;; newsmark.el ends here
