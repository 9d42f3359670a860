package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/falplatform/fal-go/gen/falapi"
	"github.com/falplatform/fal-go/pkg/fal"
)

func (c *cli) newFilesCmd() *cobra.Command {
	return group("files", "List, download and upload the files of your serverless storage",
		`  falctl files ls datasets
  falctl files get datasets/train.jsonl
  falctl files put ./weights.bin models/`,
		c.newFilesLsCmd(),
		c.newFilesGetCmd(),
		c.newFilesPutCmd(),
	)
}

func (c *cli) newFilesLsCmd() *cobra.Command {
	return nameArguments(&cobra.Command{
		Use:   "ls [DIR]",
		Short: "List the files and folders of a directory (default: the root)",
		Example: `  falctl files ls
  falctl files ls datasets/images --output json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			api, err := c.client()
			if err != nil {
				return err
			}
			var dir string
			if len(args) == 1 {
				dir = strings.Trim(args[0], "/")
			}
			var files []falapi.FileInfo
			if dir != "" {
				files, err = api.ServerlessListDirectory(cmd.Context(), dir)
			} else {
				files, err = api.ServerlessListRoot(cmd.Context())
			}
			if err != nil {
				return err
			}
			r := c.newRenderer(shapeList, "name", "type", "size", "updated_time")
			return render(r, all(files), func(f falapi.FileInfo) [][]string {
				kind, size := "dir", ""
				if f.IsFile {
					kind, size = "file", num(f.Size)
				}
				return [][]string{{f.Name, kind, size, timestamp(f.UpdatedTime)}}
			})
		},
	}, map[string]string{"dir": "DIR"})
}

func (c *cli) newFilesGetCmd() *cobra.Command {
	return nameArguments(&cobra.Command{
		Use:   "get REMOTE [LOCAL]",
		Short: "Download a file (to LOCAL, to its own name here, or to stdout with -)",
		Long: `Downloads the file at REMOTE to LOCAL (into it, when it is a directory);
without LOCAL, to a file of the same name in the current directory; with
LOCAL "-", to stdout. LOCAL is replaced only once the download is complete.
A progress line is drawn on stderr when it is a terminal.`,
		Example: `  falctl files get datasets/train.jsonl
  falctl files get datasets/train.jsonl /tmp/train.jsonl
  falctl files get logs/run.txt - | less`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			remote := args[0]
			local := path.Base(remote)
			if len(args) == 2 {
				local = args[1]
			}
			if st, err := os.Stat(local); local != "-" && err == nil && st.IsDir() {
				local = filepath.Join(local, path.Base(remote))
			}
			if local != "-" {
				if err := checkWritable(local); err != nil {
					return err
				}
			}
			api, err := c.client()
			if err != nil {
				return err
			}
			opts, done := c.progress(remote)
			dl, err := api.ServerlessDownloadFile(cmd.Context(), remote, opts...)
			if err != nil {
				return err
			}
			defer func() { _ = dl.Close() }() // the body is read or abandoned: nothing to report
			if local == "-" {
				_, err = dl.WriteTo(c.stdout)
				done()
				return err
			}
			n, err := writeFile(local, dl)
			done()
			if err != nil {
				return err
			}
			c.say("downloaded %s (%s) to %s\n", remote, plural(n, "byte"), local)
			return nil
		},
	}, map[string]string{"file": "REMOTE"})
}

// checkWritable refuses, before anything is downloaded, a local file
// whose directory does not exist.
func checkWritable(name string) error {
	dir := filepath.Dir(name)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("cannot write %s: there is no directory %s", name, dir)
	}
	return nil
}

// writeFile writes what r reads to a new file beside name that replaces it
// once it is complete; on an error name is left as it was. A new file gets
// the usual mode (0666 less the umask), a file replaced keeps its mode.
// Errors name name, never the file written first.
func writeFile(name string, r io.WriterTo) (int64, error) {
	tmp, err := createPartFile(name)
	if err != nil {
		return 0, writeError(name, err)
	}
	if st, err := os.Stat(name); err == nil && st.Mode().IsRegular() {
		if err := tmp.Chmod(st.Mode().Perm()); err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
			return 0, writeError(name, err)
		}
	}
	n, err := r.WriteTo(tmp)
	if cerr := tmp.Close(); err == nil && cerr != nil {
		err = writeError(name, cerr)
	}
	if err == nil {
		if err = os.Rename(tmp.Name(), name); err != nil {
			err = writeError(name, err)
		}
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return n, err
	}
	return n, nil
}

// createPartFile creates the hidden file beside name that a download is
// written to, with mode 0666 less the umask (os.CreateTemp would give 0600).
func createPartFile(name string) (*os.File, error) {
	dir, base := filepath.Split(name)
	for {
		part := filepath.Join(dir, "."+base+"."+strconv.FormatUint(rand.Uint64(), 36)+".part")
		f, err := os.OpenFile(part, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
}

// writeError reports a failure to write name, without the path of the
// hidden file it happened on.
func writeError(name string, err error) error {
	var pathErr *fs.PathError
	var linkErr *os.LinkError
	switch {
	case errors.As(err, &pathErr):
		err = pathErr.Err
	case errors.As(err, &linkErr):
		err = linkErr.Err
	}
	return fmt.Errorf("writing %s: %w", name, err)
}

func (c *cli) newFilesPutCmd() *cobra.Command {
	var unzip bool
	cmd := &cobra.Command{
		Use:   "put LOCAL REMOTE",
		Short: "Upload a local file (to REMOTE, or into REMOTE/ under its own name)",
		Long: `Uploads the local file LOCAL to REMOTE; when REMOTE ends with "/", into that
directory under LOCAL's name. The file is streamed, never held in memory. A
progress line is drawn on stderr when it is a terminal.`,
		Example: `  falctl files put ./weights.bin models/weights.bin
  falctl files put ./dataset.zip datasets/dataset.zip --unzip`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			local, remote := args[0], args[1]
			if strings.HasSuffix(remote, "/") {
				remote += filepath.Base(local)
			}
			f, err := os.Open(local)
			if err != nil {
				return err
			}
			defer func() { _ = f.Close() }() // read only: nothing to report
			st, err := f.Stat()
			if err != nil {
				return err
			}
			if st.IsDir() {
				return usagef("%s is a directory; upload its files one by one, or a zip of it with --unzip", local)
			}
			api, err := c.client()
			if err != nil {
				return err
			}
			var params *falapi.ServerlessUploadLocalFileParams
			if unzip {
				params = &falapi.ServerlessUploadLocalFileParams{Unzip: &unzip}
			}
			opts, done := c.progress(local)
			// --timeout bounds API calls, not the time it takes to send a file.
			opts = append(opts, fal.WithTimeout(0))
			file := fal.Upload{Name: filepath.Base(local), Body: f, Size: st.Size()}
			ok, err := api.ServerlessUploadLocalFile(cmd.Context(), remote, params, file, opts...)
			done()
			if err != nil {
				return err
			}
			if !ok {
				return errors.New("the server did not accept the upload")
			}
			c.say("uploaded %s (%s) to %s\n", local, plural(st.Size(), "byte"), remote)
			return nil
		},
	}
	cmd.Flags().BoolVar(&unzip, "unzip", false, "extract the file on the server if it is a ZIP archive")
	return nameArguments(cmd, map[string]string{"target_path": "REMOTE"})
}

// plural writes a count of things: "1 byte", "1024 bytes".
func plural(n int64, thing string) string {
	s := strconv.FormatInt(n, 10) + " " + thing
	if n != 1 {
		s += "s"
	}
	return s
}
